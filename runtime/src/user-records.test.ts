/**
 * A user's own lists of records over HTTP (`/me/records/{kind}`, `/me/followed-changes`): recent and
 * followed records come back newest first with their names, each user sees only their own lists, a record
 * the user cannot read can neither be added nor shown (also once access to it is taken away), and bad input
 * is refused without storing anything.
 */
import type { DocumentSet, Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

const deal = object('deal', { stage: text() });
deal['x-tessera'].trackHistory = true;
deal['x-tessera'].sharing = 'private';
const DOCS: DocumentSet = {
  objects: [deal],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'sales',
      objects: { deal: { read: true, create: true, edit: true } },
    },
  ],
};

const stored = async (ws: Workspace) =>
  (await ws.storage.db.selectFrom('tessera_user_record').select(['kind', 'record_id']).execute()).length;

describeEachDialect('a user’s lists of records over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => (method: string, path: string, body?: unknown) =>
    api.call(method, `/api/v1${path}`, body, { authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws, env.location);
    for (const name of ['ann', 'bob']) {
      const made = await api.call('POST', '/api/v1/users', {
        email: `${name}@example.com`,
        name,
        password: 'correct horse battery',
        permissionSets: ['sales'],
      });
      const token = await api.call('POST', '/api/v1/tokens', { name: 't', userId: made.body.data.id });
      tokens[name] = token.body.data.token;
      ids[name] = made.body.data.id;
    }
    for (const [who, name] of [
      ['ann', 'Ann one'],
      ['ann', 'Ann two'],
      ['bob', 'Bob one'],
    ] as const)
      ids[name] = (await as(who)('POST', '/data/deal', { name, stage: 'new' })).body.data.id;
  });
  afterAll(() => api.server.close());

  it('keeps what a user opened, newest first with names, and opening it again moves it to the top', async () => {
    const ann = as('ann');
    expect((await ann('PUT', `/me/records/recent/deal/${ids['Ann one']}`)).body.data).toMatchObject({
      object: 'deal',
      id: ids['Ann one'],
      name: 'Ann one',
    });
    await ann('PUT', `/me/records/recent/deal/${ids['Ann two']}`);
    await ann('PUT', `/me/records/recent/deal/${ids['Ann one']}`);
    const recent = await ann('GET', '/me/records/recent');
    expect(recent.status).toBe(200);
    expect(recent.body.data.map((r: { name: string }) => r.name)).toEqual(['Ann one', 'Ann two']);
    // Bob's lists are his own.
    expect((await as('bob')('GET', '/me/records/recent')).body.data).toEqual([]);
  });

  it('refuses a record the user cannot read, and a bad list or id, storing nothing', async () => {
    const before = await stored(ws);
    const bob = as('bob');
    const hidden = await bob('PUT', `/me/records/follow/deal/${ids['Ann one']}`);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'record_not_found']);
    const kind = await bob('PUT', `/me/records/favourite/deal/${ids['Bob one']}`);
    expect([kind.status, kind.body.code]).toEqual([400, 'bad_parameter']);
    expect(kind.body.detail).toContain('recent, follow');
    const badId = await bob('PUT', '/me/records/follow/deal/not-an-id');
    expect([badId.status, badId.body.code]).toEqual([404, 'record_not_found']);
    const object = await bob('PUT', `/me/records/follow/ghost/${ids['Bob one']}`);
    expect(object.status).toBe(404);
    expect(await stored(ws)).toBe(before);
  });

  it('follows and unfollows, and tells what changed on followed records', async () => {
    const bob = as('bob');
    const one = `/me/records/follow/deal/${ids['Bob one']}`;
    expect((await bob('GET', one)).body.data).toEqual({ listed: false });
    expect((await bob('PUT', one)).status).toBe(200);
    expect((await bob('GET', one)).body.data).toEqual({ listed: true });
    await bob('PATCH', `/data/deal/${ids['Bob one']}`, { stage: 'won' });
    const changes = await bob('GET', '/me/followed-changes');
    expect(changes.status).toBe(200);
    expect(changes.body.data).toEqual([
      expect.objectContaining({
        object: 'deal',
        id: ids['Bob one'],
        name: 'Bob one',
        field: 'stage',
        oldValue: 'new',
        newValue: 'won',
        changedBy: ids.bob,
      }),
    ]);
    expect((await bob('DELETE', one)).status).toBe(204);
    expect((await bob('DELETE', one)).status).toBe(204);
    expect((await bob('GET', '/me/records/follow')).body.data).toEqual([]);
    expect((await bob('GET', '/me/followed-changes')).body.data).toEqual([]);
  });

  it('stops showing a listed record once the user can no longer read it', async () => {
    const bob = as('bob');
    const id = ids['Bob one'] as string;
    await bob('PUT', `/me/records/follow/deal/${id}`);
    await bob('PUT', `/me/records/recent/deal/${id}`);
    // The admin gives Bob's deal to Ann: under private sharing Bob no longer reads it.
    expect((await api.call('POST', `/api/v1/data/deal/${id}/owner`, { ownerId: ids.ann })).status).toBe(200);
    expect((await bob('GET', '/me/records/follow')).body.data).toEqual([]);
    expect((await bob('GET', '/me/records/recent')).body.data).toEqual([]);
    expect((await bob('GET', '/me/followed-changes')).body.data).toEqual([]);
  });

  it('keeps a user’s fifty latest records and forgets older ones', async () => {
    const ann = as('ann');
    const made = await ann('POST', '/data/deal/bulk', {
      operation: 'create',
      records: Array.from({ length: 51 }, (_, i) => ({ name: `Bulk ${i}` })),
    });
    for (const r of made.body.results) await ann('PUT', `/me/records/recent/deal/${r.data.id}`);
    const recent = (await ann('GET', '/me/records/recent')).body.data;
    expect(recent).toHaveLength(50);
    expect(recent[0].name).toBe('Bulk 50');
    expect(recent.map((r: { name: string }) => r.name)).not.toContain('Bulk 0');
  });
});
