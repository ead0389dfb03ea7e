/**
 * Identity and access over HTTP: users, tokens, sessions with CSRF, throttled sign-in, deactivation, tenants,
 * broken-object-level-authorization and mass-assignment attempts, field-level security in OpenAPI, audit.
 */
import { ADDRESS_LIMIT, type DocumentSet, type Workspace } from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const account = object('account', { secret: text(), city: text() });
account['x-tessera'].trackHistory = true;
const contact = object('contact', {
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
});
contact['x-tessera'].sharing = 'public_read';
const DOCS: DocumentSet = {
  objects: [account, contact],
  roles: [
    { kind: 'role', apiName: 'manager' },
    { kind: 'role', apiName: 'rep', parent: 'manager' },
  ],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'sales',
      objects: {
        account: { read: true, create: true, edit: true, delete: true },
        contact: { read: true, create: true, edit: true },
      },
      fields: { account: { secret: 'none' } },
    },
  ],
};
const PASSWORD = 'correct horse battery';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codes = (res: TestResponse) =>
  (res.body?.errors ?? []).map((e: { field: string; code: string }) => `${e.field}:${e.code}`);

describeEachDialect('identity over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const as = (who: string) => (method: string, path: string, body?: unknown) =>
    api.call(method, `/api/v1${path}`, body, bearer(tokens[who] as string));

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws, env.location);
    for (const [name, role] of [
      ['manager', 'manager'],
      ['rep1', 'rep'],
      ['rep2', 'rep'],
    ] as const) {
      const made = await api.call('POST', '/api/v1/users', {
        email: `${name}@example.com`,
        name,
        password: PASSWORD,
        role,
        permissionSets: ['sales'],
      });
      expect(made.status).toBe(201);
      userIds[name] = made.body.data.id;
      const token = await api.call('POST', '/api/v1/tokens', { name: 'tests', userId: made.body.data.id });
      expect(token.status).toBe(201);
      tokens[name] = token.body.data.token;
    }
  });
  afterAll(() => api.server.close());

  describe('users and tokens', () => {
    it('a token is shown once, kept only as a hash, and listed without its secret', async () => {
      expect(tokens.rep1).toMatch(/^tsr_default\.[\w-]{43}$/);
      const listed = await as('rep1')('GET', '/tokens');
      expect(listed.status).toBe(200);
      expect(listed.body.data).toHaveLength(1);
      expect(JSON.stringify(listed.body)).not.toContain((tokens.rep1 as string).split('.')[1]);
      const rows = await ws.storage.db.selectFrom('tessera_token').select('secret_hash').execute();
      for (const row of rows) expect(tokens.rep1).not.toContain(String(row.secret_hash));
    });

    it('a user is refused with every problem named; no user is made', async () => {
      const res = await api.call('POST', '/api/v1/users', {
        email: 'not an email',
        password: 'short',
        role: 'nobody',
        permissionSets: ['ghost'],
      });
      expect(res.status).toBe(422);
      expect(codes(res)).toEqual(['email:format']);
      const weak = await api.call('POST', '/api/v1/users', {
        email: 'x@example.com',
        password: 'short',
        role: 'nobody',
        permissionSets: ['ghost'],
      });
      expect(codes(weak).sort()).toEqual([
        'password:weak_password',
        'permissionSets:unknown_permission_set',
        'role:unknown_role',
      ]);
      expect((await api.call('GET', '/api/v1/users')).body.data).toHaveLength(3);
    });

    it('only those who manage users reach /users, /audit and the metadata', async () => {
      expect((await as('rep1')('GET', '/users')).status).toBe(403);
      expect((await as('rep1')('GET', '/audit')).status).toBe(403);
      expect((await as('rep1')('GET', '/meta/objects')).status).toBe(403);
      expect((await as('rep1')('POST', '/tokens', { name: 'x', userId: userIds.rep2 })).status).toBe(403);
      expect((await as('rep1')('POST', '/workspaces', { name: 'mine', admin: {} })).status).toBe(403);
    });

    it('a revoked or expired token stops working at once', async () => {
      const made = await as('rep1')('POST', '/tokens', { name: 'short-lived' });
      expect(made.status).toBe(201);
      const token = made.body.data.token as string;
      expect((await api.call('GET', '/api/v1/data/account', undefined, bearer(token))).status).toBe(200);
      expect((await as('rep1')('DELETE', `/tokens/${made.body.data.id}`)).status).toBe(204);
      expect((await api.call('GET', '/api/v1/data/account', undefined, bearer(token))).status).toBe(401);
      expect((await as('rep2')('DELETE', `/tokens/${made.body.data.id}`)).status).toBe(404);
      const past = await as('rep1')('POST', '/tokens', { name: 'old', expiresAt: '2020-01-01T00:00:00Z' });
      expect(codes(past)).toEqual(['expiresAt:in_the_past']);
      const soon = await as('rep1')('POST', '/tokens', {
        name: 'soon',
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      });
      expect(
        (await api.call('GET', '/api/v1/data/account', undefined, bearer(soon.body.data.token))).status,
      ).toBe(200);
      await new Promise((r) => setTimeout(r, 1600));
      expect(
        (await api.call('GET', '/api/v1/data/account', undefined, bearer(soon.body.data.token))).status,
      ).toBe(401);
    });
  });

  describe('records', () => {
    it("a rep cannot reach a peer's record by id, filter, sort, expand or bulk", async () => {
      const theirs = (await as('rep2')('POST', '/data/account', { name: 'Peer Co', city: 'Hangzhou' })).body
        .data;
      const mine = (await as('rep1')('POST', '/data/account', { name: 'Mine Co', city: 'Suzhou' })).body.data;
      expect(theirs.owner_id).toBe(userIds.rep2);
      const rep1 = as('rep1');
      for (const [method, path, body] of [
        ['GET', `/data/account/${theirs.id}`],
        ['PATCH', `/data/account/${theirs.id}`, { name: 'Taken' }],
        ['DELETE', `/data/account/${theirs.id}`],
        ['GET', `/data/account/${theirs.id}/history`],
        ['GET', `/data/account/${theirs.id}/shares`],
        ['POST', `/data/account/${theirs.id}/shares`, { userId: userIds.rep1, access: 'edit' }],
      ] as const) {
        const res = await rep1(method, path, body);
        expect([method, path, res.status]).toEqual([method, path, 404]);
      }
      const filtered = await rep1(
        'GET',
        `/data/account?filter=${encodeURIComponent(JSON.stringify({ city: { eq: 'Hangzhou' } }))}&count=true`,
      );
      expect(filtered.body.data).toEqual([]);
      expect(filtered.body.page.total).toBe(0);
      const sorted = await rep1('GET', '/data/account?sort=-city&limit=500');
      expect(sorted.body.data.map((r: { id: string }) => r.id)).toEqual([mine.id]);
      const link = await rep1('POST', '/data/contact', { name: 'Spy', account_id: theirs.id });
      expect(link.status).toBe(201);
      const expanded = await rep1('GET', `/data/contact/${link.body.data.id}?expand=account_id`);
      expect(expanded.body.data._expanded).toEqual({ account_id: null });
      const bulk = await rep1('POST', '/data/account/bulk', {
        operation: 'update',
        records: [{ id: theirs.id, name: 'x' }],
      });
      expect(bulk.status).toBe(422);
      // The manager above both reps sees and changes both.
      expect((await as('manager')('GET', `/data/account/${theirs.id}`)).status).toBe(200);
      expect((await as('manager')('PATCH', `/data/account/${theirs.id}`, { city: 'Ningbo' })).status).toBe(
        200,
      );
      expect((await api.call('GET', `/api/v1/data/account/${theirs.id}`)).body.data.name).toBe('Peer Co');
    });

    it('owner_id, created_by, version and hidden fields in a write are refused; nothing is written', async () => {
      const res = await as('rep1')('POST', '/data/account', {
        name: 'Sneaky',
        owner_id: userIds.rep2,
        created_by: userIds.rep2,
        version: 9,
        secret: 'x',
      });
      expect(res.status).toBe(422);
      expect(codes(res).sort()).toEqual([
        'created_by:readOnly',
        'owner_id:readOnly',
        'secret:unknown',
        'version:readOnly',
      ]);
      const count = await api.call(
        'GET',
        `/api/v1/data/account?filter=${encodeURIComponent('{"name":{"eq":"Sneaky"}}')}`,
      );
      expect(count.body.data).toEqual([]);
    });

    it('a hidden field is not in records, filters, sorts, or the OpenAPI document', async () => {
      const made = await api.call('POST', '/api/v1/data/account', { name: 'With secret', secret: 's3cret' });
      await api.call('POST', `/api/v1/data/account/${made.body.data.id}/shares`, {
        role: 'rep',
        access: 'read',
      });
      const seen = await as('rep1')('GET', `/data/account/${made.body.data.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.data).not.toHaveProperty('secret');
      expect((await as('rep1')('GET', `/data/account?sort=secret`)).status).toBe(400);
      expect(
        (await as('rep1')('GET', `/data/account?filter=${encodeURIComponent('{"secret":{"eq":"s3cret"}}')}`))
          .status,
      ).toBe(400);
      const forRep = (await as('rep1')('GET', '/openapi.json')).body;
      const forAdmin = (await api.call('GET', '/api/v1/openapi.json')).body;
      expect(Object.keys(forAdmin.components.schemas.Account.properties)).toContain('secret');
      expect(Object.keys(forRep.components.schemas.Account.properties)).not.toContain('secret');
      // Left out: the meta-schemas of the metadata kinds, which describe documents, not this workspace's
      // records (an automation's webhook has a `secret` of its own).
      const schemas = Object.entries(forRep.components.schemas).filter(
        ([name]) => !name.endsWith('Document'),
      );
      const recordParts = {
        ...forRep,
        components: { ...forRep.components, schemas: Object.fromEntries(schemas) },
      };
      expect(JSON.stringify(recordParts)).not.toContain('"secret"');
    });

    it('field history is readable by those who read the record, without hidden fields', async () => {
      const made = (await as('rep1')('POST', '/data/account', { name: 'Tracked', city: 'Wuxi' })).body.data;
      await as('rep1')('PATCH', `/data/account/${made.id}`, { city: 'Changzhou' });
      await api.call('PATCH', `/api/v1/data/account/${made.id}`, { secret: 'hidden change' });
      const forRep = await as('rep1')('GET', `/data/account/${made.id}/history`);
      expect(
        forRep.body.data.map(
          (c: { field: string; oldValue: unknown; newValue: unknown; changedBy: string }) => [
            c.field,
            c.oldValue,
            c.newValue,
            c.changedBy,
          ],
        ),
      ).toEqual([['city', 'Wuxi', 'Changzhou', userIds.rep1]]);
      const forAdmin = await api.call('GET', `/api/v1/data/account/${made.id}/history`);
      expect(forAdmin.body.data.map((c: { field: string }) => c.field).sort()).toEqual(['city', 'secret']);
    });
  });

  describe('roles and permission sets as metadata', () => {
    it('are created, read, given, and deleted through /meta, each change a version; users feel it at once', async () => {
      const user = await api.call('POST', '/api/v1/users', {
        email: 'support@example.com',
        password: PASSWORD,
      });
      const token = (await api.call('POST', '/api/v1/tokens', { name: 't', userId: user.body.data.id })).body
        .data.token;
      const asSupport = () => api.call('GET', '/api/v1/data/contact', undefined, bearer(token));
      expect((await asSupport()).status).toBe(404);
      const set = { kind: 'permission_set', apiName: 'support', objects: { contact: { read: true } } };
      const made = await api.call('PUT', '/api/v1/meta/permission-sets/support', set);
      expect(made.status).toBe(201);
      expect(made.body.meta.applied).toBe(true);
      expect((await api.call('GET', '/api/v1/meta/permission-sets/support')).body.data).toEqual(set);
      await api.call('PATCH', `/api/v1/users/${user.body.data.id}`, { permissionSets: ['support'] });
      expect((await asSupport()).status).toBe(200);
      const [latest] = (await api.call('GET', '/api/v1/meta/versions')).body.data;
      expect(latest.changes).toEqual(['Save permission set support']);
      expect((await api.call('DELETE', '/api/v1/meta/permission-sets/support')).status).toBe(200);
      expect((await asSupport()).status).toBe(404);
      expect((await api.call('GET', '/api/v1/meta/permission-sets/support')).status).toBe(404);
    });

    it('a bad document is refused with the problem named, and nothing changes', async () => {
      const before = (await api.call('GET', '/api/v1/meta/versions')).body.data.length;
      const ghost = await api.call('PUT', '/api/v1/meta/permission-sets/ghostly', {
        kind: 'permission_set',
        apiName: 'ghostly',
        objects: { ghost: { read: true } },
      });
      expect(ghost.status).toBe(422);
      expect(codes(ghost)).toEqual(['permission_set:ghostly/objects/ghost:unknown_object']);
      const loop = await api.call('PUT', '/api/v1/meta/roles/manager', {
        kind: 'role',
        apiName: 'manager',
        parent: 'rep',
      });
      expect(loop.status).toBe(422);
      const mismatch = await api.call('PUT', '/api/v1/meta/roles/boss', { kind: 'role', apiName: 'other' });
      expect(mismatch.status).toBe(400);
      expect((await api.call('GET', '/api/v1/meta/versions')).body.data.length).toBe(before);
      expect(
        (await api.call('GET', '/api/v1/meta/roles')).body.data.map((r: { apiName: string }) => r.apiName),
      ).toEqual(['manager', 'rep']);
    });

    it('describe shows each user only the objects and fields they may read', async () => {
      const list = (await as('rep1')('GET', '/describe')).body.data;
      expect(list.map((o: { apiName: string }) => o.apiName)).toEqual(['account', 'contact']);
      expect(list[1].permissions).toEqual({ read: true, create: true, edit: true, delete: false });
      const account = (await as('rep1')('GET', '/describe/account')).body.data;
      expect(Object.keys(account.document.properties)).toEqual(['name', 'city']);
      const forAdmin = (await api.call('GET', '/api/v1/describe/account')).body.data;
      expect(Object.keys(forAdmin.document.properties)).toContain('secret');
    });
  });

  describe('sessions', () => {
    const signIn = (email: string, password: string, workspace = 'default') =>
      api.call('POST', '/api/v1/auth/sign-in', { workspace, email, password }, { authorization: '' });

    it('signing in sets an HttpOnly, SameSite=Strict cookie; changes need the CSRF token', async () => {
      const res = await signIn('rep1@example.com', PASSWORD);
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie') as string;
      expect(cookie).toMatch(/^tessera_session=default\.[\w-]+;/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const session = { authorization: '', cookie: cookie.split(';')[0] as string };
      const me = await api.call('GET', '/api/v1/auth/me', undefined, session);
      expect(me.body.data.user.email).toBe('rep1@example.com');
      expect(me.body.data.objects.account).toEqual({ read: true, create: true, edit: true, delete: true });
      const forged = await api.call('POST', '/api/v1/data/account', { name: 'CSRF' }, session);
      expect(forged.status).toBe(403);
      const wrong = await api.call(
        'POST',
        '/api/v1/data/account',
        { name: 'CSRF' },
        { ...session, 'x-csrf-token': 'guess' },
      );
      expect(wrong.status).toBe(403);
      const ok = await api.call(
        'POST',
        '/api/v1/data/account',
        { name: 'From studio' },
        { ...session, 'x-csrf-token': res.body.data.csrfToken },
      );
      expect(ok.status).toBe(201);
      // Signing out is a change too: without the CSRF token the session lives on.
      const unsigned = await api.call('POST', '/api/v1/auth/sign-out', undefined, session);
      expect([unsigned.status, unsigned.body.code]).toEqual([403, 'csrf']);
      expect((await api.call('GET', '/api/v1/auth/me', undefined, session)).status).toBe(200);
      const csrf = { ...session, 'x-csrf-token': res.body.data.csrfToken };
      expect((await api.call('POST', '/api/v1/auth/sign-out', undefined, csrf)).status).toBe(204);
      expect((await api.call('GET', '/api/v1/auth/me', undefined, session)).status).toBe(401);
    });

    it('a wrong password, unknown email or unknown workspace all answer the same 401', async () => {
      for (const res of [
        await signIn('rep1@example.com', 'wrong password'),
        await signIn('nobody@example.com', PASSWORD),
        await signIn('rep1@example.com', PASSWORD, 'no_such_workspace'),
      ]) {
        expect(res.status).toBe(401);
        expect(res.body.detail).toBe('the email or password is not right');
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    });

    it('after five failures in a row, sign-in waits, even with the right password', async () => {
      await api.call('POST', '/api/v1/users', { email: 'victim@example.com', password: PASSWORD });
      for (let i = 0; i < 5; i++) expect((await signIn('victim@example.com', `guess ${i}`)).status).toBe(401);
      const locked = await signIn('victim@example.com', PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      const log = await api.call('GET', '/api/v1/audit?limit=500');
      expect(
        log.body.data.filter((e: { action: string }) => e.action === 'sign_in.failed').length,
      ).toBeGreaterThanOrEqual(5);
    });

    it('one address trying many accounts is stopped too, across accounts', async () => {
      // A server of its own: the limit is per address, and every test here comes from 127.0.0.1.
      const own = await serveForTest(await env.open());
      try {
        const attempt = (i: number) =>
          own.call(
            'POST',
            '/api/v1/auth/sign-in',
            { workspace: 'default', email: `user${i}@example.com`, password: 'guess' },
            { authorization: '' },
          );
        for (let i = 0; i < ADDRESS_LIMIT.attempts; i++) expect((await attempt(i)).status).toBe(401);
        const stopped = await attempt(ADDRESS_LIMIT.attempts);
        expect(stopped.status).toBe(429);
        expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(800);
      } finally {
        await own.server.close();
      }
    });

    it('deactivating a user ends their sessions and tokens at once', async () => {
      const made = await api.call('POST', '/api/v1/users', {
        email: 'leaver@example.com',
        password: PASSWORD,
        permissionSets: ['sales'],
      });
      const token = (await api.call('POST', '/api/v1/tokens', { name: 't', userId: made.body.data.id })).body
        .data.token;
      const signedIn = await signIn('leaver@example.com', PASSWORD);
      const session = {
        authorization: '',
        cookie: (signedIn.headers.get('set-cookie') as string).split(';')[0] as string,
      };
      expect((await api.call('GET', '/api/v1/auth/me', undefined, session)).status).toBe(200);
      expect(
        (await api.call('PATCH', `/api/v1/users/${made.body.data.id}`, { active: false })).body.data.active,
      ).toBe(false);
      expect((await api.call('GET', '/api/v1/auth/me', undefined, session)).status).toBe(401);
      expect((await api.call('GET', '/api/v1/data/account', undefined, bearer(token))).status).toBe(401);
      expect((await signIn('leaver@example.com', PASSWORD)).status).toBe(401);
    });
  });

  describe('workspaces', () => {
    it('are created by the platform admin only, each with its own admin; a bad admin leaves nothing', async () => {
      const name = env.newName();
      const bad = await api.call('POST', '/api/v1/workspaces', {
        name,
        admin: { email: 'a@b.example', password: 'short' },
      });
      expect(bad.status).toBe(422);
      expect(codes(bad)).toEqual(['admin:weak_password']);
      const made = await api.call('POST', '/api/v1/workspaces', {
        name,
        admin: { email: 'boss@b.example', password: PASSWORD },
      });
      expect(made.status).toBe(201);
      expect(made.body.data.adminToken).toMatch(new RegExp(`^tsr_${name}\\.`));
      expect(
        (
          await api.call('POST', '/api/v1/workspaces', {
            name,
            admin: { email: 'boss@b.example', password: PASSWORD },
          })
        ).status,
      ).toBe(409);
      expect((await api.call('POST', '/api/v1/workspaces', { name: 'Bad Name', admin: {} })).status).toBe(
        422,
      );
    });

    it('nothing crosses: ids, tokens and sessions of one workspace reach nothing in another', async () => {
      const name = env.newName();
      const made = await api.call('POST', '/api/v1/workspaces', {
        name,
        admin: { email: 'boss@b.example', password: PASSWORD },
      });
      const other = bearer(made.body.data.adminToken);
      const inB = (method: string, path: string, body?: unknown) =>
        api.call(method, `/api/v1${path}`, body, other);
      expect((await inB('POST', '/meta/deploy', { objects: [account] })).status).toBe(200);
      const recordOfA = (await as('rep1')('POST', '/data/account', { name: 'Only in A' })).body.data.id;
      for (const [method, path, body] of [
        ['GET', `/data/account/${recordOfA}`],
        ['PATCH', `/data/account/${recordOfA}`, { name: 'x' }],
        ['DELETE', `/data/account/${recordOfA}`],
        ['GET', `/data/account/${recordOfA}/history`],
      ] as const)
        expect([path, (await inB(method, path, body)).status]).toEqual([path, 404]);
      expect((await inB('GET', '/data/account')).body.data).toEqual([]);
      expect((await inB('GET', `/users/${userIds.rep1}`)).status).toBe(404);
      expect((await inB('GET', '/data/contact')).status).toBe(404);
      // A's token, relabelled for B, is nothing there.
      const relabelled = (tokens.rep1 as string).replace('tsr_default.', `tsr_${name}.`);
      expect((await api.call('GET', '/api/v1/data/account', undefined, bearer(relabelled))).status).toBe(401);
      // B's admin signs in to B only.
      const signIn = (workspace: string) =>
        api.call(
          'POST',
          '/api/v1/auth/sign-in',
          { workspace, email: 'boss@b.example', password: PASSWORD },
          { authorization: '' },
        );
      expect((await signIn(name)).status).toBe(200);
      expect((await signIn('default')).status).toBe(401);
    });
  });

  it('the audit log has sign-ins, token use and user changes, with who and when; versions have their author', async () => {
    const log = (await api.call('GET', '/api/v1/audit?limit=500')).body.data as {
      action: string;
      actorId: string | null;
      at: string;
    }[];
    const actions = new Set(log.map((e) => e.action));
    for (const action of ['user.created', 'token.created', 'token.used', 'sign_in', 'sign_in.failed'])
      expect([action, actions.has(action)]).toEqual([action, true]);
    expect(log.find((e) => e.action === 'token.used' && e.actorId === userIds.rep1)).toBeDefined();
    expect(log.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const admin = await api.call('POST', '/api/v1/users', {
      email: 'meta@example.com',
      admin: true,
      password: PASSWORD,
    });
    const token = (await api.call('POST', '/api/v1/tokens', { name: 't', userId: admin.body.data.id })).body
      .data.token;
    await api.call(
      'POST',
      '/api/v1/meta/objects/account/fields',
      { apiName: 'region', schema: text() },
      bearer(token),
    );
    const [latest] = (await api.call('GET', '/api/v1/meta/versions')).body.data;
    expect(latest.author).toBe('meta@example.com');
  });
});
