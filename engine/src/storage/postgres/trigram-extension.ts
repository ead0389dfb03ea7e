/**
 * pg_trgm, which the search index's trigram indexes need, is a database's, not a workspace schema's: migration
 * 0006 enables it for a new or upgraded workspace, and a restore enables it before a dump's indexes name it
 * (a workspace's dump holds its schema only, not the extensions it uses).
 */
import { sql } from 'kysely';
import type { AnyDb } from '../storage.js';

/**
 * Enables pg_trgm in `public` where the server offers it, so every workspace schema finds it there. `trx` is a
 * transaction: a server without it, or a concurrent enable by another workspace, leaves the transaction to go on
 * without it (behind a savepoint, nothing is lost).
 */
export async function enableTrigrams(trx: AnyDb): Promise<void> {
  const offered = await sql<{ one: number }>`
    select 1 as one from pg_available_extensions where name = 'pg_trgm'`.execute(trx);
  if (!offered.rows.length) return;
  await sql`savepoint enable_trigrams`.execute(trx);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(trx);
    await sql`release savepoint enable_trigrams`.execute(trx);
  } catch {
    await sql`rollback to savepoint enable_trigrams`.execute(trx);
    await sql`release savepoint enable_trigrams`.execute(trx);
  }
}
