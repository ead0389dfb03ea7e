/**
 * Bearer tokens. Only a hash of the admin token is kept (at rest and in memory), and comparison is constant
 * time, so neither a dump of the data dir nor response timing gives the token away.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/http-error.js';

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export const newToken = (): string => `tsr_${randomBytes(24).toString('base64url')}`;

const unauthorized = (detail: string) => new HttpError(401, 'unauthorized', 'Unauthorized', detail);

export function bearerAuth(adminTokenHash: Buffer): MiddlewareHandler<AppEnv> {
  // The header last found valid, so a client's every request does not pay for a hash; it is compared in
  // constant time too. Any other header is hashed and checked as usual.
  let lastValid: Buffer | undefined;
  return async (c: Context<AppEnv>, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('send "Authorization: Bearer <token>"');
    const given = Buffer.from(header as string);
    const known = lastValid?.length === given.length && timingSafeEqual(lastValid, given);
    if (!known) {
      if (!timingSafeEqual(hashToken(match[1] as string), adminTokenHash))
        throw unauthorized('the token is not valid');
      lastValid = given;
    }
    c.set('principal', { kind: 'platform_admin', userId: null });
    await next();
  };
}
