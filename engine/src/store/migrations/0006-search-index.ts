/**
 * The search index's registry: one row per object that has an index table, saying which fields it holds, so a
 * metadata change that adds or removes a searchable field (or an object) rebuilds exactly the indexes it
 * touches (search/reconcile-indexes.ts). On PostgreSQL it also enables pg_trgm where the server offers it:
 * its trigram indexes serve "a word inside a name" (`ILIKE '%word%'`); without it search still works, by
 * scanning. Written out here, not shared with the code that reads the table: a released migration never changes.
 */
import { sql } from 'kysely';
import type { AnyDb } from '../../storage/storage.js';
import type { PlatformMigration } from './platform-migration.js';

export const searchIndex: PlatformMigration = {
  version: 6,
  name: 'search-index',
  up: async (db, dialect) => {
    await db.schema
      .createTable('tessera_search_index')
      .addColumn('object_id', 'text', (c) => c.primaryKey())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('built_at', 'text', (c) => c.notNull())
      .execute();
    if (dialect === 'postgres') await enableTrigrams(db);
  },
};

/**
 * pg_trgm is a trusted extension (any user who may create in the database may enable it), installed once per
 * database into `public` so every workspace schema finds it there. A server without it, or a concurrent
 * enable by another workspace, leaves the migration to go on without it: behind a savepoint, nothing is lost.
 */
async function enableTrigrams(db: AnyDb): Promise<void> {
  const offered = await sql<{ one: number }>`
    select 1 as one from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (!offered.rows.length) return;
  await sql`savepoint enable_trigrams`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint enable_trigrams`.execute(db);
  } catch {
    await sql`rollback to savepoint enable_trigrams`.execute(db);
    await sql`release savepoint enable_trigrams`.execute(db);
  }
}
