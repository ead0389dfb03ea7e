/**
 * Credentials as clients hold them. A user's API token is `tsr_<workspace>.<secret>`: the workspace says where
 * to look, the secret's hash is what is stored there, so a token of one workspace names nothing in another.
 * The platform admin's token is any other string; only its SHA-256 is kept, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export const newToken = (): string => `tsr_${randomBytes(24).toString('base64url')}`;

export const apiToken = (workspace: string, secret: string): string => `tsr_${workspace}.${secret}`;

/** The workspace and secret of a user's API token, or undefined for anything else. */
export function parseApiToken(token: string): { workspace: string; secret: string } | undefined {
  const match = /^tsr_([a-z][a-z0-9_]{0,40})\.([\w-]{20,200})$/.exec(token);
  return match ? { workspace: match[1] as string, secret: match[2] as string } : undefined;
}

export const isPlatformToken = (token: string, hash: Buffer): boolean =>
  timingSafeEqual(hashToken(token), hash);
