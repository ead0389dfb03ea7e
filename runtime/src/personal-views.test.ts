/**
 * Personal list views over HTTP: any user keeps their own (no metadata permission needed), checked against what
 * they may read; nobody else lists, reads, replaces or deletes them; a refusal changes nothing.
 */
import type { DocumentSet, PropertyDocument } from '@tessera/engine';
import { PERSONAL_VIEW_LIMIT } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const stage: PropertyDocument = {
  type: 'string',
  enum: ['new', 'won'],
  'x-tessera': { field: 'picklist', options: [{ value: 'new' }, { value: 'won' }] },
};
const DOCS: DocumentSet = {
  objects: [
    object('deal', {
      stage,
      secret: text(),
      closes: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
    }),
  ],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'sales',
      objects: { deal: { read: true, edit: true } },
      fields: { deal: { secret: 'none', closes: 'read' } },
    },
  ],
};
const board = {
  kind: 'list_view',
  apiName: 'my_board',
  object: 'deal',
  label: { en: 'My board' },
  columns: [{ field: 'name', width: 220 }, { field: 'stage' }],
  filter: { stage: { ne: 'won' } },
  sort: '-created_at',
  display: 'board',
  board: { groupBy: 'stage' },
};

describeEachDialect('personal list views', (env) => {
  let api: TestApi;
  type As = (method: string, path: string, body?: unknown) => Promise<TestResponse>;
  let ann: As;
  let bob: As;
  const userWithToken = async (email: string): Promise<As> => {
    const made = await api.call('POST', '/api/v1/users', {
      email,
      password: 'correct horse battery',
      permissionSets: ['sales'],
    });
    const token = (await api.call('POST', '/api/v1/tokens', { name: email, userId: made.body.data.id })).body
      .data.token;
    return (method, path, body) =>
      api.call(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}` });
  };

  beforeAll(async () => {
    const ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    ann = await userWithToken('ann@example.com');
    bob = await userWithToken('bob@example.com');
  });
  afterAll(() => api.server.close());

  it('a user without metadata rights saves, replaces, lists and deletes views of their own', async () => {
    expect((await ann('PUT', '/meta/list-views/my_board', board)).status).toBe(403);
    const made = await ann('PUT', '/list-views/mine/my_board', board);
    expect([made.status, made.body.data]).toEqual([201, board]);
    const wider = { ...board, columns: [{ field: 'name', width: 300 }] };
    expect((await ann('PUT', '/list-views/mine/my_board', wider)).status).toBe(200);
    const calendar = { ...board, apiName: 'by_close', display: 'calendar', calendar: { field: 'closes' } };
    expect((await ann('PUT', '/list-views/mine/by_close', calendar)).status).toBe(201);
    expect((await ann('GET', '/list-views/mine?object=deal')).body.data).toEqual([calendar, wider]);
    expect((await ann('GET', '/list-views/mine?object=other')).body.data).toEqual([]);
    expect((await ann('DELETE', '/list-views/mine/by_close')).status).toBe(204);
    expect((await ann('GET', '/list-views/mine')).body.data).toEqual([wider]);
    // Not shared metadata: the describe of the object lists no such view.
    const described = (await ann('GET', '/describe/deal')).body.data;
    expect(described.listViews).toEqual([]);
    // Which fields can lay a list out, by the registry's roles of their types (a field they may only read too).
    expect(described.viewRoles).toEqual({ stage: 'group', closes: 'day' });
  });

  it('another user neither sees, replaces nor deletes them', async () => {
    expect((await bob('GET', '/list-views/mine')).body.data).toEqual([]);
    const gone = await bob('DELETE', '/list-views/mine/my_board');
    expect([gone.status, gone.body.code]).toEqual([404, 'unknown_document']);
    // The same name is Bob's own view: Ann's stays as it was.
    expect((await bob('PUT', '/list-views/mine/my_board', board)).status).toBe(201);
    expect((await ann('GET', '/list-views/mine')).body.data[0].columns).toEqual([
      { field: 'name', width: 300 },
    ]);
    expect((await bob('GET', '/list-views/mine')).body.data).toEqual([board]);
  });

  it('refuses a view naming what the user cannot read or lay out, an unknown parameter, and a name mismatch', async () => {
    const codes = async (body: unknown, name = 'bad') => {
      const res = await ann('PUT', `/list-views/mine/${name}`, body);
      return [res.status, res.body.code, ...(res.body.errors ?? []).map((e: { code: string }) => e.code)];
    };
    const bad = { ...board, apiName: 'bad' };
    expect(await codes({ ...bad, columns: [{ field: 'secret' }] })).toEqual([
      422,
      'invalid_documents',
      'unknown_field',
    ]);
    expect(await codes({ ...bad, board: { groupBy: 'closes' } })).toEqual([
      422,
      'invalid_documents',
      'not_groupable',
    ]);
    expect(await codes({ ...bad, object: 'invoice' })).toEqual([422, 'invalid_documents', 'unknown_object']);
    expect(await codes({ ...bad, display: 'calendar' })).toEqual([422, 'invalid_documents', 'required']);
    expect(await codes({ ...bad, pageSize: 0 })).toEqual([422, 'invalid_documents', 'minimum']);
    expect(await codes(bad, 'other')).toEqual([400, 'name_mismatch', 'name_mismatch']);
    expect((await codes([bad])).slice(0, 2)).toEqual([400, 'malformed_body']);
    const unknown = await ann('GET', '/list-views/mine?objet=deal');
    expect([unknown.status, unknown.body.code]).toEqual([400, 'unknown_parameter']);
    expect(
      (await ann('GET', '/list-views/mine')).body.data.map((v: { apiName: string }) => v.apiName),
    ).toEqual(['my_board']);
  });

  it(`keeps at most ${PERSONAL_VIEW_LIMIT} views a user, and replacing one still works at the limit`, async () => {
    const carol = await userWithToken('carol@example.com');
    for (let i = 0; i < PERSONAL_VIEW_LIMIT; i++)
      expect((await carol('PUT', `/list-views/mine/v${i}`, { ...board, apiName: `v${i}` })).status).toBe(201);
    const over = await carol('PUT', '/list-views/mine/one_more', { ...board, apiName: 'one_more' });
    expect([over.status, over.body.errors[0].code]).toEqual([422, 'too_many_views']);
    expect((await carol('PUT', '/list-views/mine/v0', { ...board, apiName: 'v0' })).status).toBe(200);
    expect((await carol('GET', '/list-views/mine')).body.data).toHaveLength(PERSONAL_VIEW_LIMIT);
  });

  it('a principal without a user has none to keep', async () => {
    const res = await api.call('GET', '/api/v1/list-views/mine');
    // The platform admin's token acts as the workspace's first admin when there is one; here there is none.
    expect([res.status, res.body.code]).toEqual([400, 'user_required']);
  });
});
