/**
 * The studio's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure
 * when the client came over HTTPS (also through a trusted proxy). Changes made with it must come from a page
 * of ours: a foreign `Origin` is refused, and the session's CSRF token must be in a header. Pages read that
 * token from `GET /auth/me`, which no other site can read, so every tab of a session has it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/http-error.js';

export const SESSION_COOKIE = 'tessera_session';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookie(
  c: Context<AppEnv>,
  workspace: string,
  secret: string,
  expiresAt: string,
): void {
  setCookie(c, SESSION_COOKIE, `${workspace}.${secret}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.get('client').https,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export const clearSessionCookie = (c: Context): void => {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
};

export function sessionFromCookie(c: Context): { workspace: string; secret: string } | undefined {
  const value = getCookie(c, SESSION_COOKIE);
  const match = value ? /^([a-z][a-z0-9_]{0,40})\.([\w-]{20,200})$/.exec(value) : null;
  return match ? { workspace: match[1] as string, secret: match[2] as string } : undefined;
}

/**
 * A browser names the page a request comes from in `Origin`; one that is not ours is refused. A request
 * without it (not from a browser, or an old one) still needs what else is asked of it.
 */
export function requireOwnOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin.toLowerCase() !== c.get('client').origin)
    throw new HttpError(
      403,
      'foreign_origin',
      'Forbidden',
      `a change made with a session must come from ${c.get('client').origin}, not ${origin}`,
    );
}

/** A change made with a session: from our own origin, with the session's CSRF token. */
export function requireSessionWrite(c: Context<AppEnv>, csrf: string): void {
  requireOwnOrigin(c);
  if (!sameText(c.req.header(CSRF_HEADER) ?? '', csrf))
    throw new HttpError(
      403,
      'csrf',
      'Forbidden',
      `a change made with a session must send the ${CSRF_HEADER} header (the csrfToken of GET /api/v1/auth/me)`,
    );
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
