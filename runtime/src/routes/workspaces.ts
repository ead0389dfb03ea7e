/**
 * `POST /workspaces` (platform admin): a new tenant with its own storage, its first user (a workspace admin)
 * and that user's first API token, shown once.
 */
import { checkNewUser, TesseraError, WORKSPACE_NAME } from '@tessera/engine';
import { Hono } from 'hono';
import { requirePlatformAdmin } from '../auth/authorize.js';
import { apiToken } from '../auth/tokens.js';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/http-error.js';
import type { WorkspaceRegistry } from '../workspaces/registry.js';

const invalid = (pointer: string, code: string, message: string) =>
  new TesseraError('validation_failed', 'the workspace is not valid', [{ pointer, code, message }]);

export function workspaceRoutes(registry: WorkspaceRegistry): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    requirePlatformAdmin(c);
    const { name, admin } = await readJsonObject(c);
    if (typeof name !== 'string' || !WORKSPACE_NAME.test(name))
      throw invalid(
        '/name',
        'pattern',
        'must be 1 to 41 lower-case letters, digits and underscores, from a letter',
      );
    if (typeof admin !== 'object' || admin === null) throw invalid('/admin', 'required', 'is required');
    if (!registry.canCreate)
      throw new HttpError(501, 'not_supported', 'Not supported', 'this server serves one workspace only');
    // The admin is checked before the workspace exists, so a refusal leaves nothing behind.
    const { email, password } = admin as Record<string, unknown>;
    if (typeof password !== 'string') throw invalid('/admin/password', 'required', 'is required');
    const first = { email, password, admin: true };
    try {
      checkNewUser(first, { objects: [] });
    } catch (error) {
      if (error instanceof TesseraError)
        error.issues.forEach((i) => {
          i.pointer = `/admin${i.pointer}`;
        });
      throw error;
    }
    const ws = await registry.create(name);
    if (!ws) throw new TesseraError('unique_violation', `a workspace named ${name} already exists`);
    const user = await ws.users.create(first, ws.model.documents);
    const { secret } = await ws.tokens.create({ name: 'first admin token' }, user.id);
    await ws.audit(null, 'workspace.created', { by: 'platform admin', adminId: user.id });
    return c.json({ data: { id: name, name, adminToken: apiToken(name, secret) } }, 201);
  });

  return app;
}
