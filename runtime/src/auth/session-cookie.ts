/**
 * The studio's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure
 * over HTTPS. Changes made with it must also carry the session's CSRF token in a header, which only a page
 * of ours can read (from the sign-in answer).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'tessera_session';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookie(c: Context, workspace: string, secret: string, expiresAt: string): void {
  setCookie(c, SESSION_COOKIE, `${workspace}.${secret}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
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
