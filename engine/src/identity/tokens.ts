/**
 * API tokens: shown once when made, stored as a hash, listed without the secret, revocable, and expiring. A
 * token works only while its user is active: every authentication reads both rows in one query. A token is
 * made only for a user the one making it holds everything of (`Access.requireWithin`).
 */
import type { Access } from '../access/access.js';
import { TesseraError } from '../errors.js';
import { newRecordId } from '../records/record-ids.js';
import type { AnyDb } from '../storage/storage.js';
import { TOKENS, type TokenRow, USERS, type UserRow } from './identity-tables.js';
import { checkInput, INSTANT, NAME } from './input.js';
import { newSecret, secretHash } from './secrets.js';
import { subjectOf, toUser, type User } from './users.js';

export interface TokenInfo {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  name: string;
  userId?: string;
  expiresAt?: string;
}

const NEW_TOKEN = {
  type: 'object',
  properties: { name: NAME, userId: { type: 'string', format: 'uuid' }, expiresAt: INSTANT },
  required: ['name'],
  additionalProperties: false,
};

/** How often a token's last use is written down: not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

const toInfo = (row: TokenRow): TokenInfo => ({
  id: String(row.id),
  userId: String(row.user_id),
  name: row.name,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export class Tokens {
  constructor(
    private readonly db: AnyDb,
    /** What the one making the calls may do, under the current metadata. */
    private readonly actor: () => Access,
  ) {}

  /** Makes a token for `userId` (the caller's own unless given); the secret is in the answer and nowhere else. */
  async create(body: unknown, callerId: string): Promise<{ token: TokenInfo; secret: string }> {
    const input = checkInput<NewToken>(NEW_TOKEN, body, 'token');
    const now = new Date();
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now.getTime())
      throw new TesseraError('validation_failed', 'the token is not valid', [
        { pointer: '/expiresAt', code: 'in_the_past', message: 'must be in the future' },
      ]);
    const userId = input.userId ?? callerId;
    const user = await this.user(userId);
    if (!user?.active) throw new TesseraError('unknown_user', `there is no active user ${userId}`);
    this.actor().requireWithin(subjectOf(user), 'make a token for');
    const secret = newSecret();
    const row: TokenRow = {
      id: newRecordId(),
      user_id: userId,
      name: input.name,
      secret_hash: secretHash(secret),
      created_at: now.toISOString(),
      expires_at: input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto(TOKENS).values(row).execute();
    return { token: toInfo(row), secret };
  }

  /** Tokens of one user, or of everyone. */
  async list(userId?: string): Promise<TokenInfo[]> {
    const rows = await this.db
      .selectFrom(TOKENS)
      .selectAll()
      .$if(userId !== undefined, (q) => q.where('user_id', '=', userId as string))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => toInfo(r as TokenRow));
  }

  async get(id: string): Promise<TokenInfo> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db.selectFrom(TOKENS).selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new TesseraError('unknown_token', `there is no token ${id}`);
    return toInfo(row as TokenRow);
  }

  async revoke(id: string): Promise<void> {
    const token = await this.get(id);
    const user = await this.user(token.userId);
    if (user) this.actor().requireWithin(subjectOf(user), 'revoke a token of');
    if (token.revokedAt === null)
      await this.db
        .updateTable(TOKENS)
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
  }

  private async user(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom(USERS).selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row as UserRow);
  }

  /**
   * The user of a valid token: not revoked, not expired, its user active. `used` is true when this use was
   * written down (at most once a minute per token), for the audit log.
   */
  async resolve(
    secret: string,
    now = new Date(),
  ): Promise<{ user: User; tokenId: string; used: boolean } | undefined> {
    const at = now.toISOString();
    const row = await this.db
      .selectFrom(`${TOKENS} as t`)
      .innerJoin(`${USERS} as u`, 'u.id', 't.user_id')
      .selectAll('u')
      .select(['t.id as token_id', 't.last_used_at as token_last_used_at'])
      .where('t.secret_hash', '=', secretHash(secret))
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', at)]))
      .where('u.active', '=', 1)
      .executeTakeFirst();
    if (!row) return undefined;
    const last = row.token_last_used_at as string | null;
    const used = last === null || now.getTime() - Date.parse(last) >= TOUCH_INTERVAL_MS;
    if (used)
      await this.db.updateTable(TOKENS).set({ last_used_at: at }).where('id', '=', row.token_id).execute();
    return { user: toUser(row as unknown as UserRow), tokenId: String(row.token_id), used };
  }
}
