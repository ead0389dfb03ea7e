/**
 * Secrets handed to clients (API tokens, session cookies): 32 random bytes, kept only as their SHA-256. They are
 * random, not chosen by people, so a fast hash is enough and a lookup by hash is one index probe.
 */
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const secretHash = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');
