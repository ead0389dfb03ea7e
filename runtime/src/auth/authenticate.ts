/**
 * Authentication: a bearer token (a user's API token, or the platform admin's), else the studio's session
 * cookie. It finds the principal and the one workspace the call may reach, and refuses everything else with
 * 401. A change made with a session cookie must come from our origin and carry its CSRF token (403).
 */
import { subjectOf, type User, type Workspace } from '@tessera/engine';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/http-error.js';
import type { WorkspaceRegistry } from '../workspaces/registry.js';
import { type Principal, platformAdminPrincipal } from './principal.js';
import { requireSessionWrite, sessionFromCookie } from './session-cookie.js';
import { isPlatformToken, parseApiToken } from './tokens.js';

const unauthorized = (detail: string) => new HttpError(401, 'unauthorized', 'Unauthorized', detail);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const userPrincipal = (
  workspace: string,
  user: User,
  via: Principal['via'],
  session?: Principal['session'],
): Principal => ({
  kind: 'user',
  workspace,
  subject: subjectOf(user),
  user,
  via,
  ...(session ? { session } : {}),
});

export function authenticate(
  registry: WorkspaceRegistry,
  platformTokenHash: Buffer,
): MiddlewareHandler<AppEnv> {
  const enter = (c: Context<AppEnv>, ws: Workspace, principal: Principal) => {
    c.set('workspace', ws);
    c.set('principal', principal);
  };

  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthorized('send "Authorization: Bearer <token>"');
      const token = match[1] as string;
      const parsed = parseApiToken(token);
      if (parsed) {
        const ws = await registry.get(parsed.workspace);
        const found = ws && (await ws.tokens.resolve(parsed.secret));
        if (!ws || !found) throw unauthorized('the token is not valid, has expired or was revoked');
        if (found.used) await ws.audit(found.user.id, 'token.used', { tokenId: found.tokenId });
        enter(c, ws, userPrincipal(parsed.workspace, found.user, 'token'));
      } else {
        if (!isPlatformToken(token, platformTokenHash)) throw unauthorized('the token is not valid');
        const ws = registry.defaultWorkspace;
        enter(c, ws, await platformAdminPrincipal(registry.defaultName, ws));
      }
      return next();
    }
    const cookie = sessionFromCookie(c);
    const ws = cookie && (await registry.get(cookie.workspace));
    const session = cookie && ws && (await ws.sessions.resolve(cookie.secret));
    if (!cookie || !ws || !session)
      throw unauthorized('send "Authorization: Bearer <token>", or sign in at /api/v1/auth/sign-in');
    if (!SAFE_METHODS.has(c.req.method)) requireSessionWrite(c, session.csrf);
    enter(
      c,
      ws,
      userPrincipal(cookie.workspace, session.user, 'session', { id: session.id, csrf: session.csrf }),
    );
    return next();
  };
}
