/**
 * The platform admin's token acts as the workspace's first admin: what it writes has an owner, so the
 * workspace's people see those records as they see any admin's on a private object.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, set, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

const PASSWORD = 'correct horse battery';

describeEachDialect('records written with the platform admin token', (env) => {
  const serve = async (): Promise<TestApi> => {
    const ws = await env.open();
    const visit = object('visit', { note: text() });
    visit['x-tessera'].sharing = 'private';
    await ws.deploy({
      ...set(visit),
      roles: [{ kind: 'role', apiName: 'boss' }],
    });
    return serveForTest(ws);
  };
  const makeUser = async (api: TestApi, email: string, extra: Record<string, unknown>) => {
    const made = await api.call('POST', '/api/v1/users', { email, password: PASSWORD, ...extra });
    expect(made.status).toBe(201);
    return made.body.data.id as string;
  };

  it('are owned and stamped by the first active workspace admin, who sees them with their own token', async () => {
    const api = await serve();
    try {
      const first = await makeUser(api, 'first@example.com', { admin: true, role: 'boss' });
      const second = await makeUser(api, 'second@example.com', { admin: true });
      const created = await api.call('POST', '/api/v1/data/visit', { name: 'Kickoff' });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ owner_id: first, created_by: first, updated_by: first });
      const token = await api.call('POST', '/api/v1/tokens', { name: 'curl', userId: first });
      const seen = await api.call('GET', `/api/v1/data/visit/${created.body.data.id}`, undefined, {
        authorization: `Bearer ${token.body.data.token}`,
      });
      expect(seen.status).toBe(200);

      // Once the first admin is deactivated, the next one in order of creation takes their place.
      expect((await api.call('PATCH', `/api/v1/users/${first}`, { active: false })).status).toBe(200);
      const later = await api.call('POST', '/api/v1/data/visit', { name: 'Follow-up' });
      expect(later.body.data).toMatchObject({ owner_id: second, created_by: second });
      const edited = await api.call('PATCH', `/api/v1/data/visit/${created.body.data.id}`, { note: 'moved' });
      expect(edited.body.data).toMatchObject({ owner_id: first, created_by: first, updated_by: second });
    } finally {
      await api.server.close();
    }
  });

  it('have no owner only in a workspace without an active admin; a non-admin user never becomes the owner', async () => {
    const api = await serve();
    try {
      await makeUser(api, 'rep@example.com', { role: 'boss' });
      const created = await api.call('POST', '/api/v1/data/visit', { name: 'Orphan' });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ owner_id: null, created_by: null });
    } finally {
      await api.server.close();
    }
  });
});
