/**
 * Workspaces of another Tessera version over HTTP: one made before platform migrations is upgraded when first
 * used and its tokens work; one a newer Tessera upgraded is refused with a problem naming why.
 */
import { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { type FixtureFacts, restoreMainFixture } from '../../engine/test/main-9d00851-fixture.js';
import { NEWEST } from '../../engine/test/test-migrations.js';
import { serveForTest, type TestApi } from '../test/server.js';
import { apiToken } from './auth/tokens.js';

describeEachDialect('workspaces of other Tessera versions over HTTP', (env) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await serveForTest(await env.openForSuite(), env.location);
  });
  afterAll(() => api.server.close());

  const me = (name: string, facts: FixtureFacts) =>
    api.call('GET', '/api/v1/auth/me', undefined, {
      authorization: `Bearer ${apiToken(name, facts.tokenSecret)}`,
    });

  it('upgrades a workspace made before platform migrations when first used; its token still works', async () => {
    const { name, facts } = await restoreMainFixture(env);
    const res = await me(name, facts);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      workspace: name,
      user: { id: facts.adaId, email: 'ada@example.com' },
    });
  });

  it('answers 503 workspace_too_new for a workspace a newer Tessera upgraded', async () => {
    const { name, facts } = await restoreMainFixture(env);
    const ws = await Workspace.open({ ...env.location, workspace: name });
    const future = { version: NEWEST + 1, name: 'from_the_future', applied_at: new Date().toISOString() };
    await ws.storage.db.insertInto('tessera_schema_migration').values(future).execute();
    await ws.close();
    const refused = await me(name, facts);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'workspace_too_new', status: 503 });
    expect(refused.body.detail).toContain('made by a newer Tessera');
  });
});
