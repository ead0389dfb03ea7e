/**
 * Studio sessions: an opaque secret in an HttpOnly cookie, stored as a hash, with a CSRF token the page sends
 * back in a header on every change. Sessions expire after eight hours and end when the user is deactivated.
 */
import type { AnyDb } from '../storage/storage.js';
import { SESSIONS, USERS, type UserRow } from './identity-tables.js';
import { newSecret, secretHash } from './secrets.js';
import { toUser, type User } from './users.js';

export const SESSION_TTL_MS = 8 * 60 * 60_000;

export class Sessions {
  constructor(private readonly db: AnyDb) {}

  async create(
    userId: string,
    now = new Date(),
  ): Promise<{ secret: string; csrf: string; expiresAt: string }> {
    const secret = newSecret();
    const csrf = newSecret();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await this.db
      .insertInto(SESSIONS)
      .values({
        secret_hash: secretHash(secret),
        user_id: userId,
        csrf,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    return { secret, csrf, expiresAt };
  }

  /** The session's user and CSRF token, and its id (the hash of its secret) to name it by. */
  async resolve(
    secret: string,
    now = new Date(),
  ): Promise<{ user: User; csrf: string; id: string } | undefined> {
    const row = await this.db
      .selectFrom(`${SESSIONS} as s`)
      .innerJoin(`${USERS} as u`, 'u.id', 's.user_id')
      .selectAll('u')
      .select('s.csrf')
      .where('s.secret_hash', '=', secretHash(secret))
      .where('s.expires_at', '>', now.toISOString())
      .where('u.active', '=', 1)
      .executeTakeFirst();
    return row
      ? { user: toUser(row as unknown as UserRow), csrf: String(row.csrf), id: secretHash(secret) }
      : undefined;
  }

  async end(secret: string): Promise<void> {
    await this.db.deleteFrom(SESSIONS).where('secret_hash', '=', secretHash(secret)).execute();
  }
}
