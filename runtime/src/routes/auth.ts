/**
 * Signing in to the studio: `POST /auth/sign-in` checks the password and sets the session cookie; the answer
 * (and `GET /auth/me`, for every other tab) carries the CSRF token the page sends with its changes. A wrong
 * workspace, email or password all answer the same 401, after the same work, and are throttled the same way,
 * so none of them can be told apart.
 */

import { SignInThrottle, SYSTEM_PERMISSIONS, TesseraError, type Workspace } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import {
  clearSessionCookie,
  requireOwnOrigin,
  requireSessionWrite,
  sessionFromCookie,
  setSessionCookie,
} from '../auth/session-cookie.js';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import type { WorkspaceRegistry } from '../workspaces/registry.js';

const locked = (c: Context<AppEnv>, seconds: number) => {
  c.header('Retry-After', String(seconds));
  return new TesseraError('sign_in_locked', 'too many sign-in attempts from this address; try again later');
};

/** The routes that need no credential. */
export function signInRoutes(registry: WorkspaceRegistry): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // In the default workspace's database: every process serving these workspaces counts in the same place.
  const throttle = new SignInThrottle(registry.defaultWorkspace.storage.db);

  app.post('/sign-in', async (c) => {
    requireOwnOrigin(c);
    const { workspace, email, password } = await readJsonObject(c);
    const ws = typeof workspace === 'string' ? await registry.get(workspace) : undefined;
    const attempt = { address: c.get('client').address, workspace: String(workspace), email: String(email) };
    // Counted before the (slow) password check, so concurrent attempts cannot all pass a limit at once.
    const wait = await throttle.admit(attempt);
    if (wait > 0) {
      if (ws) await ws.audit(null, 'sign_in.failed', { email: String(email), reason: 'sign_in_locked' });
      throw locked(c, wait);
    }
    // Against a workspace that does not exist the password is still checked (against nothing), as slowly.
    const users = ws?.users ?? registry.defaultWorkspace.users;
    let user: Awaited<ReturnType<typeof users.verify>>;
    try {
      user = await users.verify(ws ? email : '', password);
    } catch (error) {
      if (ws && error instanceof TesseraError)
        await ws.audit(null, 'sign_in.failed', { email: String(email), reason: error.code });
      throw error;
    }
    await throttle.succeeded(attempt);
    const session = await (ws as Workspace).sessions.create(user.id);
    await (ws as Workspace).audit(user.id, 'sign_in', { via: 'password' });
    setSessionCookie(c, workspace as string, session.secret, session.expiresAt);
    return c.json({ data: { user, workspace, csrfToken: session.csrf, expiresAt: session.expiresAt } });
  });

  // Ending a session is a change made with it: a page of ours, with its CSRF token.
  app.post('/sign-out', async (c) => {
    const cookie = sessionFromCookie(c);
    const ws = cookie && (await registry.get(cookie.workspace));
    const session = cookie && ws && (await ws.sessions.resolve(cookie.secret));
    if (cookie && ws && session) {
      requireSessionWrite(c, session.csrf);
      await ws.sessions.end(cookie.secret);
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}

/** Who the caller is, for the studio's menus, and the CSRF token of the session the call came with. */
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
        csrfToken: principal.session?.csrf ?? null,
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
