/**
 * The `user` field over HTTP: a workspace user on a record. New values must name an active user of the
 * workspace; a deactivated user stays on the records that hold them, readable, and those records stay
 * editable; `expand` shows who it is; `me` filters by the caller; the database itself refuses to lose a user a
 * record names; anyone signed in can find people to pick (`GET /users/lookup`), and no more than that.
 */
import type { ObjectDocument, Workspace } from '@tessera/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { formula, object } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const PASSWORD = 'correct horse battery';
const userField = { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' as const } };

const DOCS = {
  objects: [
    object('work_order', {
      engineer: userField,
      engineer_id_text: formula('IF(ISBLANK(engineer), "nobody", engineer)', 'text'),
    }),
  ],
  permissionSets: [
    {
      kind: 'permission_set' as const,
      apiName: 'dispatch',
      objects: { work_order: { read: true, create: true, edit: true, viewAll: true, modifyAll: true } },
    },
  ],
};

describeEachDialect('user fields over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  const ids: Record<string, string> = {};
  let as: Record<string, (method: string, path: string, body?: unknown) => Promise<TestResponse>>;
  const admin = (method: string, path: string, body?: unknown) => api.call(method, `/api/v1${path}`, body);
  const refused = (res: TestResponse) => ({
    status: res.status,
    code: res.body.code,
    errors: (res.body.errors ?? []).map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
  });
  const count = async () => (await admin('GET', '/data/work_order?count=true&limit=1')).body.page.total;

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    as = {};
    for (const [key, name] of [
      ['ann', 'Ann Engineer'],
      ['bob', 'Bob Engineer'],
      ['cat', 'Cat Leaver'],
    ] as const) {
      const res = await admin('POST', '/users', {
        email: `${key}@example.com`,
        name,
        password: PASSWORD,
        permissionSets: ['dispatch'],
      });
      expect(res.status).toBe(201);
      ids[key] = res.body.data.id;
      const token = (await admin('POST', '/tokens', { name: key, userId: ids[key] })).body.data.token;
      as[key] = (method, path, body) =>
        api.call(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}` });
    }
  });
  afterAll(() => api.server.close());

  it('takes an active user, expands to who it is, and formulas read the id as text', async () => {
    const created = await as.ann?.('POST', '/data/work_order', { name: 'WO-1', engineer: ids.bob });
    expect(created?.status).toBe(201);
    expect(created?.body.data).toMatchObject({ engineer: ids.bob, engineer_id_text: ids.bob });
    const got = await as.ann?.(
      'GET',
      `/data/work_order/${created?.body.data.id}?expand=engineer&fields=name,engineer`,
    );
    expect(got?.body.data).toEqual({
      id: created?.body.data.id,
      name: 'WO-1',
      engineer: ids.bob,
      _expanded: { engineer: { id: ids.bob, name: 'Bob Engineer', email: 'bob@example.com', active: true } },
    });
    const empty = await as.ann?.('POST', '/data/work_order', { name: 'WO-none' });
    expect(empty?.body.data).toMatchObject({ engineer: null, engineer_id_text: 'nobody' });
    const listed = await as.ann?.('GET', '/data/work_order?expand=engineer&fields=name&sort=name');
    expect(listed?.body.data.map((r: { _expanded: { engineer: unknown } }) => r._expanded.engineer)).toEqual([
      expect.objectContaining({ id: ids.bob }),
      null,
    ]);
  });

  it('refuses a value that names no user of the workspace, and writes nothing', async () => {
    const before = await count();
    const unknown = await as.ann?.('POST', '/data/work_order', {
      name: 'WO-ghost',
      engineer: '01890000-0000-7000-8000-000000000000',
    });
    expect(refused(unknown as TestResponse)).toEqual({
      status: 422,
      code: 'validation_failed',
      errors: ['engineer:unknown_user'],
    });
    expect(unknown?.body.errors[0].message).toContain('no user of this workspace');
    const notUuid = await as.ann?.('POST', '/data/work_order', { name: 'WO-x', engineer: 'bob@example.com' });
    expect(refused(notUuid as TestResponse).errors).toEqual(['engineer:format']);
    const bulk = await as.ann?.('POST', '/data/work_order/bulk', {
      operation: 'create',
      records: [
        { name: 'WO-b1', engineer: ids.ann },
        { name: 'WO-b2', engineer: '01890000-0000-7000-8000-000000000001' },
      ],
    });
    expect(refused(bulk as TestResponse)).toMatchObject({ status: 422, errors: ['engineer:unknown_user'] });
    expect(bulk?.body.errors[0].pointer).toBe('/records/1/engineer');
    expect(await count()).toBe(before);
  });

  it('keeps a deactivated user on old records, readable and editable, but never as a new value', async () => {
    const held = (await admin('POST', '/data/work_order', { name: 'WO-cat', engineer: ids.cat })).body.data;
    const other = (await admin('POST', '/data/work_order', { name: 'WO-other' })).body.data;
    expect((await admin('PATCH', `/users/${ids.cat}`, { active: false })).status).toBe(200);

    const read = await admin('GET', `/data/work_order/${held.id}?expand=engineer`);
    expect(read.body.data.engineer).toBe(ids.cat);
    expect(read.body.data._expanded.engineer).toEqual({
      id: ids.cat,
      name: 'Cat Leaver',
      email: 'cat@example.com',
      active: false,
    });
    // Editing the record without touching the field, or sending back the value it holds, is fine.
    const edited = await as.ann?.('PATCH', `/data/work_order/${held.id}`, { name: 'WO-cat edited' });
    expect(edited?.status).toBe(200);
    const resent = await as.ann?.('PATCH', `/data/work_order/${held.id}`, {
      name: 'WO-cat again',
      engineer: ids.cat,
    });
    expect(resent?.status).toBe(200);
    expect(resent?.body.data.engineer).toBe(ids.cat);

    const before = await count();
    const fresh = await as.ann?.('POST', '/data/work_order', { name: 'WO-new', engineer: ids.cat });
    expect(refused(fresh as TestResponse)).toEqual({
      status: 422,
      code: 'validation_failed',
      errors: ['engineer:unknown_user'],
    });
    expect(fresh?.body.errors[0].message).toContain('deactivated');
    expect(await count()).toBe(before);
    const moved = await as.ann?.('PATCH', `/data/work_order/${other.id}`, { engineer: ids.cat });
    expect(refused(moved as TestResponse).errors).toEqual(['engineer:unknown_user']);
    expect((await admin('GET', `/data/work_order/${other.id}`)).body.data).toMatchObject({
      engineer: null,
      version: 1,
    });
    // Another active user replaces them; clearing works too.
    const reassigned = await as.ann?.('PATCH', `/data/work_order/${held.id}`, { engineer: ids.ann });
    expect(reassigned?.body.data.engineer).toBe(ids.ann);
  });

  it('filters by user id and by "me" (eq, ne, in), and refuses "me" where there is no caller user', async () => {
    const mine = (await as.ann?.('POST', '/data/work_order', { name: 'WO-me-ann', engineer: ids.ann }))?.body
      .data;
    const bobs = (await as.ann?.('POST', '/data/work_order', { name: 'WO-me-bob', engineer: ids.bob }))?.body
      .data;
    const names = async (who: 'ann' | 'bob', filter: object) => {
      const q = encodeURIComponent(JSON.stringify(filter));
      const res = await as[who]?.('GET', `/data/work_order?filter=${q}&fields=name&sort=name&limit=500`);
      expect(res?.status).toBe(200);
      return res?.body.data.map((r: { name: string }) => r.name) as string[];
    };
    const annsFilter = await names('ann', { engineer: { eq: 'me' } });
    expect(annsFilter).toContain(mine.name);
    expect(annsFilter).not.toContain(bobs.name);
    expect(await names('bob', { engineer: { eq: 'me' } })).toEqual(
      await names('ann', { engineer: { eq: ids.bob } }),
    );
    expect(await names('bob', { engineer: { in: ['me', ids.ann] } })).toEqual(
      expect.arrayContaining([mine.name, bobs.name]),
    );
    const notMe = await names('ann', { engineer: { ne: 'me' } });
    expect(notMe).toContain(bobs.name);
    expect(notMe).toContain('WO-none');
    expect(notMe).not.toContain(mine.name);
    const posted = await as.ann?.('POST', '/data/work_order/query', {
      filter: { engineer: { eq: 'me' } },
      fields: ['name'],
    });
    expect(posted?.body.data.map((r: { name: string }) => r.name)).toEqual(annsFilter.slice().sort());

    // The platform admin token is nobody: "me" names no user for it. Nor is "me" a value elsewhere.
    const q = encodeURIComponent(JSON.stringify({ engineer: { eq: 'me' } }));
    expect(refused(await admin('GET', `/data/work_order?filter=${q}`))).toMatchObject({
      status: 400,
      code: 'invalid_query',
    });
    const onName = encodeURIComponent(JSON.stringify({ engineer: { gt: 'me' } }));
    expect((await as.ann?.('GET', `/data/work_order?filter=${onName}`))?.status).toBe(400);
  });

  it('lets the database refuse to delete a user a record names (a real foreign key)', async () => {
    const deleteUser = sql`delete from tessera_user where id = ${ids.ann}`;
    await expect(deleteUser.execute(ws.storage.db)).rejects.toThrow(/foreign key|FOREIGN KEY/);
    expect((await admin('GET', `/users/${ids.ann}`)).status).toBe(200);
  });

  it('adds a user field to an object that has records, linked to the users table', async () => {
    const docs = structuredClone(ws.model.documents);
    const wo = docs.objects.find((d) => d['x-tessera'].apiName === 'work_order');
    if (!wo) throw new Error('no work_order');
    wo.properties.reviewer = structuredClone(userField);
    expect((await admin('PUT', '/meta/objects/work_order', wo)).status).toBe(200);
    const made = await admin('POST', '/data/work_order', { name: 'WO-review', reviewer: ids.bob });
    expect(made.body.data.reviewer).toBe(ids.bob);
    const deleteBob = sql`delete from tessera_user where id = ${ids.bob}`;
    await expect(deleteBob.execute(ws.storage.db)).rejects.toThrow(/foreign key|FOREIGN KEY/);
    const ghost = await admin('POST', '/data/work_order', {
      name: 'WO-ghost',
      reviewer: '01890000-0000-7000-8000-000000000002',
    });
    expect(refused(ghost).errors).toEqual(['reviewer:unknown_user']);
  });

  it('refuses a user field declared wrong, and a change to user over values that name no user', async () => {
    const put = async (change: (doc: ObjectDocument) => void) => {
      const doc = structuredClone(ws.model.object('work_order').document);
      change(doc);
      return admin('PUT', '/meta/objects/work_order', doc);
    };
    const version = ws.model.version;
    const codes = (res: TestResponse) =>
      res.body.errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`);
    const withTarget = await put((d) => {
      d.properties.helper = {
        ...structuredClone(userField),
        'x-tessera': { field: 'user', target: 'work_order' },
      };
    });
    expect(withTarget.status).toBe(422);
    expect(codes(withTarget).join()).toContain('/properties/helper/x-tessera');
    const asNumber = await put((d) => {
      d.properties.helper = { type: 'integer', 'x-tessera': { field: 'user' } };
    });
    expect(asNumber.status).toBe(422);
    expect(codes(asNumber).join()).toContain('/properties/helper');
    expect(ws.model.version).toBe(version);

    // A text field becomes a user field only if every value names a user.
    expect(
      (
        await put((d) => {
          d.properties.note = { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } };
        })
      ).status,
    ).toBe(200);
    const noted = await admin('POST', '/data/work_order', { name: 'WO-note', note: ids.bob });
    const stray = await admin('POST', '/data/work_order', { name: 'WO-stray', note: 'not-a-user' });
    const toUser = (d: ObjectDocument) => {
      d.properties.note = structuredClone(userField);
    };
    const blocked = await put(toUser);
    expect([blocked.status, blocked.body.code]).toEqual([409, 'conversion_blocked']);
    expect(ws.model.object('work_order').fields.get('note')?.type).toBe('text');
    expect((await admin('DELETE', `/data/work_order/${stray.body.data.id}`)).status).toBe(204);
    expect((await put(toUser)).status).toBe(200);
    const converted = await admin('GET', `/data/work_order/${noted.body.data.id}?expand=note`);
    expect(converted.body.data._expanded.note).toMatchObject({ id: ids.bob, name: 'Bob Engineer' });
  });

  it('refuses to expand a field that links nothing', async () => {
    const res = await admin('GET', '/data/work_order?expand=name');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('not_a_reference');
  });

  it('lets anyone signed in find active people by name or e-mail, and name any by id', async () => {
    // Without manageUsers the user list itself stays closed.
    expect((await as.ann?.('GET', '/users'))?.status).toBe(403);
    const found = await as.ann?.('GET', '/users/lookup?q=engineer');
    expect(found?.status).toBe(200);
    expect(found?.body.data).toEqual([
      { id: ids.ann, name: 'Ann Engineer', email: 'ann@example.com', active: true },
      { id: ids.bob, name: 'Bob Engineer', email: 'bob@example.com', active: true },
    ]);
    expect((await as.ann?.('GET', '/users/lookup?q=BOB%40EXAMPLE'))?.body.data).toEqual([
      expect.objectContaining({ id: ids.bob }),
    ]);
    // A deactivated user is not offered, but is named when asked for by id.
    expect((await as.ann?.('GET', '/users/lookup?q=cat'))?.body.data).toEqual([]);
    expect((await as.ann?.('GET', `/users/lookup?ids=${ids.cat},${ids.bob}`))?.body.data).toEqual([
      expect.objectContaining({ id: ids.bob, active: true }),
      { id: ids.cat, name: 'Cat Leaver', email: 'cat@example.com', active: false },
    ]);
    // `%` and `_` are literal.
    expect((await as.ann?.('GET', '/users/lookup?q=%25'))?.body.data).toEqual([]);
    expect((await as.ann?.('GET', '/users/lookup?q=e&limit=1'))?.body.data).toHaveLength(1);
  });

  it('refuses a bad user lookup with a clear problem, and strangers altogether', async () => {
    for (const [query, parameter] of [
      ['', 'q'],
      ['?q=', 'q'],
      [`?q=${'x'.repeat(101)}`, 'q'],
      ['?ids=nope', 'ids'],
      ['?q=a&limit=0', 'limit'],
      ['?q=a&limit=51', 'limit'],
      ['?q=a&limit=many', 'limit'],
    ]) {
      const res = await as.bob?.('GET', `/users/lookup${query}`);
      expect([query, res?.status, res?.body.code, res?.body.errors[0].pointer]).toEqual([
        query,
        400,
        'invalid_query',
        `/${parameter}`,
      ]);
    }
    const stranger = await api.call('GET', '/api/v1/users/lookup?q=a', undefined, { authorization: '' });
    expect(stranger.status).toBe(401);
  });

  it('publishes user fields in OpenAPI (expandable) and the lookup route', async () => {
    const spec = (await admin('GET', '/openapi.json')).body;
    const expand = spec.paths['/api/v1/data/work_order'].get.parameters.find(
      (p: { name: string }) => p.name === 'expand',
    );
    expect(expand.schema.enum).toEqual(expect.arrayContaining(['engineer']));
    const described = {
      format: 'uuid',
      description: 'The id of a user of the workspace (GET /users/lookup names them)',
    };
    expect(spec.components.schemas.WorkOrder.properties.engineer).toMatchObject({
      type: ['string', 'null'],
      ...described,
    });
    expect(spec.components.schemas.WorkOrderCreate.properties.engineer).toMatchObject(described);
    // The generated TypeScript (`tessera types`) says it too, on a plain string.
    const types = await ws.model.typescript();
    expect(types).toContain(
      '/**\n * The id of a user of the workspace (GET /users/lookup names them)\n */\nengineer?: (string | null)\n',
    );
    expect(spec.paths['/api/v1/users/lookup'].get.operationId).toBe('lookupUsers');
  });
});
