/**
 * Sign-in throttling, counted in the database so every process serving it shares one count. An attempt is
 * counted before its password is checked, in one atomic statement per key, so concurrent attempts cannot all
 * slip in before the first failure is written: the attempt that makes a count pass its limit is refused
 * without a check. Keys are hashed: the table holds no addresses or emails.
 *
 * Two limits, both against the caller's address rather than the account, so nobody can lock another person
 * out from elsewhere: per address and account (a password guessed at one account), and per address across
 * every account and workspace (one password tried at many accounts). An email that does not exist is counted
 * exactly like one that does, so the answers never tell them apart.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AnyDb } from '../storage/storage.js';
import { SIGN_IN_THROTTLE } from './identity-tables.js';

export interface ThrottleLimit {
  attempts: number;
  windowMs: number;
}

/** Attempts one address may make at one account (workspace and email) in a quarter of an hour. */
export const ACCOUNT_LIMIT: ThrottleLimit = { attempts: 5, windowMs: 15 * 60_000 };
/** Failed attempts one address may make in a quarter of an hour, across every account. */
export const ADDRESS_LIMIT: ThrottleLimit = { attempts: 30, windowMs: 15 * 60_000 };

/** How often one process clears counts whose window has ended. */
const SWEEP_INTERVAL_MS = 60_000;

const keyOf = (...parts: string[]) => createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex');

export interface SignInAttempt {
  address: string;
  workspace: string;
  email: string;
}

export class SignInThrottle {
  #lastSweep = 0;

  constructor(private readonly db: AnyDb) {}

  /**
   * Counts the attempt under both limits. Answers 0 when its password may be checked, else the seconds until
   * this address may try this account again (nothing is to be checked then).
   */
  async admit(attempt: SignInAttempt, now = new Date()): Promise<number> {
    await this.sweep(now);
    const waits = await Promise.all([
      this.count(accountKey(attempt), ACCOUNT_LIMIT, now),
      this.count(addressKey(attempt), ADDRESS_LIMIT, now),
    ]);
    return Math.max(...waits);
  }

  /** A right password: the account's count starts again, and the address gets this attempt back. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.db.deleteFrom(SIGN_IN_THROTTLE).where('key', '=', accountKey(attempt)).execute();
    await this.db
      .updateTable(SIGN_IN_THROTTLE)
      .set({ attempts: sql`attempts - 1` })
      .where('key', '=', addressKey(attempt))
      .where('attempts', '>', 0)
      .execute();
  }

  private async count(key: string, limit: ThrottleLimit, now: Date): Promise<number> {
    const at = now.toISOString();
    const expired = new Date(now.getTime() - limit.windowMs).toISOString();
    // One statement: the count of a window that has ended starts again from this attempt.
    const row = await this.db
      .insertInto(SIGN_IN_THROTTLE)
      .values({ key, attempts: 1, window_start: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          attempts: sql`case when ${sql.ref(`${SIGN_IN_THROTTLE}.window_start`)} <= ${expired} then 1 else ${sql.ref(`${SIGN_IN_THROTTLE}.attempts`)} + 1 end`,
          window_start: sql`case when ${sql.ref(`${SIGN_IN_THROTTLE}.window_start`)} <= ${expired} then ${at} else ${sql.ref(`${SIGN_IN_THROTTLE}.window_start`)} end`,
        }),
      )
      .returning(['attempts', 'window_start'])
      .executeTakeFirstOrThrow();
    if (Number(row.attempts) <= limit.attempts) return 0;
    return Math.max(
      1,
      Math.ceil((Date.parse(String(row.window_start)) + limit.windowMs - now.getTime()) / 1000),
    );
  }

  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now.getTime();
    const windowMs = Math.max(ACCOUNT_LIMIT.windowMs, ADDRESS_LIMIT.windowMs);
    await this.db
      .deleteFrom(SIGN_IN_THROTTLE)
      .where('window_start', '<', new Date(now.getTime() - windowMs).toISOString())
      .execute();
  }
}

const accountKey = (a: SignInAttempt) =>
  keyOf('account', a.address, a.workspace, a.email.trim().toLowerCase());
const addressKey = (a: SignInAttempt) => keyOf('address', a.address);
