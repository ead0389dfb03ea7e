/**
 * Signing in to the studio: `POST /auth/sign-in` checks the password and sets the session cookie; the answer
 * carries the CSRF token the page sends with its changes. A wrong workspace, email or password all answer the
 * same 401, after the same work, so none of them can be told apart.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import { SYSTEM_PERMISSIONS, TesseraError, type Workspace } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { FailureLimiter } from '../auth/failure-limiter.js';
import { clearSessionCookie, sessionFromCookie, setSessionCookie } from '../auth/session-cookie.js';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import type { WorkspaceRegistry } from '../workspaces/registry.js';

/** Failed sign-ins one address may make in a quarter of an hour, across all accounts. */
export const ADDRESS_FAILURE_LIMIT = 30;
const ADDRESS_WINDOW_MS = 15 * 60_000;

const clientAddress = (c: Context<AppEnv>) => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

/** The routes that need no credential. */
export function signInRoutes(registry: WorkspaceRegistry): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = new FailureLimiter(ADDRESS_FAILURE_LIMIT, ADDRESS_WINDOW_MS);

  app.post('/sign-in', async (c) => {
    const address = clientAddress(c);
    const wait = limiter.retryAfter(address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new TesseraError('sign_in_locked', 'too many failed sign-ins from this address; try again later');
    }
    const { workspace, email, password } = await readJsonObject(c);
    const ws = typeof workspace === 'string' ? await registry.get(workspace) : undefined;
    // Against a workspace that does not exist the password is still checked (against nothing), as slowly.
    const users = ws?.users ?? registry.defaultWorkspace.users;
    let user: Awaited<ReturnType<typeof users.verify>>;
    try {
      user = await users.verify(ws ? email : '', password);
    } catch (error) {
      limiter.fail(address);
      if (ws && error instanceof TesseraError)
        await ws.audit(null, 'sign_in.failed', { email: String(email), reason: error.code });
      if (error instanceof TesseraError && error.code === 'sign_in_locked')
        c.header('Retry-After', String(error.details?.retryAfter ?? 60));
      throw error;
    }
    const session = await (ws as Workspace).sessions.create(user.id);
    await (ws as Workspace).audit(user.id, 'sign_in', { via: 'password' });
    setSessionCookie(c, workspace as string, session.secret, session.expiresAt);
    return c.json({ data: { user, workspace, csrfToken: session.csrf, expiresAt: session.expiresAt } });
  });

  app.post('/sign-out', async (c) => {
    const cookie = sessionFromCookie(c);
    const ws = cookie && (await registry.get(cookie.workspace));
    if (cookie && ws) await ws.sessions.end(cookie.secret);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}

/** Who the caller is, for the studio's menus. */
export function meRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/me', (c) => {
    const principal = c.get('principal');
    const access = c.get('workspace').accessFor(principal.subject);
    return c.json({
      data: {
        kind: principal.kind,
        workspace: principal.workspace,
        user: principal.user ?? null,
        objects: Object.fromEntries(
          [...access.grant.objects].map(([name, g]) => [
            name,
            { read: g.read, create: g.create, edit: g.edit, delete: g.delete },
          ]),
        ),
        system: Object.fromEntries(SYSTEM_PERMISSIONS.map((p) => [p, access.hasSystem(p)])),
      },
    });
  });
  return app;
}
