/**
 * Nobody gives more than they hold: a user whose only extra permission is manageUsers can neither make nor
 * change admins, reset an admin's password, mint or revoke a token of one, raise itself, nor give others permission
 * sets or roles beyond its own. Each refusal is a 403 `exceeds_own_access` that changes nothing.
 */
import type { DocumentSet, Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const PASSWORD = 'correct horse battery';
const DOCS: DocumentSet = {
  objects: [object('account', { notes: text() })],
  roles: [
    { kind: 'role', apiName: 'ceo' },
    { kind: 'role', apiName: 'manager', parent: 'ceo' },
    { kind: 'role', apiName: 'rep', parent: 'manager' },
  ],
  permissionSets: [
    { kind: 'permission_set', apiName: 'people', system: { manageUsers: true } },
    {
      kind: 'permission_set',
      apiName: 'sales',
      objects: { account: { read: true, edit: true } },
      fields: { account: { notes: 'read' } },
    },
    { kind: 'permission_set', apiName: 'notes', objects: { account: { read: true, edit: true } } },
    { kind: 'permission_set', apiName: 'auditor', objects: { account: { read: true, viewAll: true } } },
    { kind: 'permission_set', apiName: 'builder', system: { manageMetadata: true } },
  ],
};

describeEachDialect('nobody gives more than they hold', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let hrId: string;
  let adminId: string;
  let hr: (method: string, path: string, body?: unknown) => Promise<TestResponse>;
  const refused = (res: TestResponse) => [res.status, res.body.code];
  const made = async (body: object) => {
    const res = await api.call('POST', '/api/v1/users', { password: PASSWORD, ...body });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    adminId = await made({ email: 'admin@example.com', admin: true });
    hrId = await made({ email: 'hr@example.com', role: 'manager', permissionSets: ['people', 'sales'] });
    const token = (await api.call('POST', '/api/v1/tokens', { name: 'hr', userId: hrId })).body.data.token;
    hr = (method, path, body) =>
      api.call(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}` });
  });
  afterAll(() => api.server.close());

  it('only an admin makes an admin', async () => {
    const res = await hr('POST', '/users', { email: 'boss@example.com', password: PASSWORD, admin: true });
    expect(refused(res)).toEqual([403, 'exceeds_own_access']);
    expect(res.body.detail).toBe('only an admin may create an admin');
    expect(
      (await api.call('GET', '/api/v1/users')).body.data.map((u: { email: string }) => u.email),
    ).not.toContain('boss@example.com');
    expect(await made({ email: 'boss@example.com', admin: true })).toBeTruthy();
  });

  it('a user manager cannot raise itself: admin, more permission sets, a higher role', async () => {
    for (const patch of [
      { admin: true },
      { permissionSets: ['people', 'sales', 'builder'] },
      { role: 'ceo' },
    ])
      expect([patch, ...refused(await hr('PATCH', `/users/${hrId}`, patch))]).toEqual([
        patch,
        403,
        'exceeds_own_access',
      ]);
    const self = (await api.call('GET', `/api/v1/users/${hrId}`)).body.data;
    expect([self.admin, self.role, self.permissionSets]).toEqual([false, 'manager', ['people', 'sales']]);
    // What it holds it may keep changing: its own name.
    expect((await hr('PATCH', `/users/${hrId}`, { name: 'Human Resources' })).status).toBe(200);
  });

  it('an admin cannot be changed, reset, deactivated or given a token by a user manager', async () => {
    for (const patch of [{ password: 'taken over at last' }, { active: false }, { name: 'Renamed' }])
      expect(refused(await hr('PATCH', `/users/${adminId}`, patch))).toEqual([403, 'exceeds_own_access']);
    const token = await hr('POST', '/tokens', { name: 'mine now', userId: adminId });
    expect(refused(token)).toEqual([403, 'exceeds_own_access']);
    expect(token.body.detail).toBe('only an admin may make a token for an admin');
    const admin = (await api.call('GET', `/api/v1/users/${adminId}`)).body.data;
    expect([admin.name, admin.active]).toEqual(['admin@example.com', true]);
    const signIn = await api.call(
      'POST',
      '/api/v1/auth/sign-in',
      { workspace: 'default', email: 'admin@example.com', password: PASSWORD },
      { authorization: '' },
    );
    expect(signIn.status).toBe(200);
    const tokens = (await api.call('GET', '/api/v1/tokens')).body.data;
    expect(tokens.filter((t: { userId: string }) => t.userId === adminId)).toEqual([]);
    const adminToken = (await api.call('POST', '/api/v1/tokens', { name: 'own', userId: adminId })).body.data;
    expect(refused(await hr('DELETE', `/tokens/${adminToken.id}`))).toEqual([403, 'exceeds_own_access']);
    const stillWorks = await api.call('GET', '/api/v1/auth/me', undefined, {
      authorization: `Bearer ${adminToken.token}`,
    });
    expect(stillWorks.status).toBe(200);
  });

  it('permission sets and roles given are within the giver’s own; within them, people are managed', async () => {
    const cases: [object, string][] = [
      [
        { permissionSets: ['auditor'] },
        'you may not create a user with viewAll on account: you do not hold it yourself',
      ],
      [
        { permissionSets: ['notes'] },
        'you may not create a user with edit access to account.notes: you do not hold it yourself',
      ],
      [
        { permissionSets: ['builder'] },
        'you may not create a user with the manageMetadata permission: you do not hold it yourself',
      ],
      [{ role: 'ceo' }, 'you may not create a user with the role ceo: you do not hold it yourself'],
    ];
    for (const [body, detail] of cases) {
      const res = await hr('POST', '/users', { email: 'new@example.com', password: PASSWORD, ...body });
      expect([res.status, res.body.detail]).toEqual([403, detail]);
    }
    const rep = await hr('POST', '/users', {
      email: 'rep@example.com',
      password: PASSWORD,
      role: 'rep',
      permissionSets: ['sales'],
    });
    expect(rep.status).toBe(201);
    const peer = await hr('POST', '/users', {
      email: 'peer@example.com',
      password: PASSWORD,
      role: 'manager',
    });
    expect(peer.status).toBe(201);
    const repId = rep.body.data.id;
    expect(refused(await hr('PATCH', `/users/${repId}`, { permissionSets: ['sales', 'auditor'] }))).toEqual([
      403,
      'exceeds_own_access',
    ]);
    expect((await hr('PATCH', `/users/${repId}`, { password: 'reset by hr, fine' })).status).toBe(200);
    expect((await hr('POST', '/tokens', { name: 'for rep', userId: repId })).status).toBe(201);
    // Someone an admin raised beyond the manager is out of its reach from then on.
    await api.call('PATCH', `/api/v1/users/${repId}`, { permissionSets: ['sales', 'auditor'] });
    expect(refused(await hr('PATCH', `/users/${repId}`, { permissionSets: ['sales'] }))).toEqual([
      403,
      'exceeds_own_access',
    ]);
    expect(refused(await hr('POST', '/tokens', { name: 'for rep', userId: repId }))).toEqual([
      403,
      'exceeds_own_access',
    ]);
  });
});
