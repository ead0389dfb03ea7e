/**
 * Fewer b-trees for a write to touch. Every record write that triggers an automation records its run (and its
 * jobs) in the write's own transaction, and on SQLite each index a row goes into is one more page in the WAL
 * at commit: a third of the cost of such a write was pages of indexes nothing needed.
 * - Runs: no index on `status` (the run log filters by status within an automation or a record, and
 *   "failures first" sorts by an expression no index serves) and none on `created_at` (ids are UUIDv7, so
 *   retention finds old runs by id range).
 * - Jobs: no index on `run_id` (a run's `actions` name its jobs' ids); on SQLite the table is stored in its id's
 *   b-tree (WITHOUT ROWID) instead of a rowid table plus an index on its primary key.
 */
import { sql } from 'kysely';
import { JOBS } from '../../queue/queue-tables.js';
import type { AnyDb } from '../../storage/storage.js';
import type { PlatformMigration } from './platform-migration.js';

export const leanQueue: PlatformMigration = {
  version: 3,
  name: 'lean-queue',
  up: async (db, dialect) => {
    for (const index of [
      'tessera_automation_run_status',
      'tessera_automation_run_created',
      'tessera_job_run',
    ])
      await db.schema.dropIndex(index).ifExists().execute();
    if (dialect === 'sqlite') await rebuildJobsWithoutRowid(db);
  },
};

/** SQLite cannot change how a table is stored: the jobs move to a new table, which takes the old one's name. */
async function rebuildJobsWithoutRowid(db: AnyDb): Promise<void> {
  const lean = `${JOBS}_lean`;
  await db.schema
    .createTable(lean)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('action_index', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('replace_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  // Same columns in the same order (0002's): every job moves, whatever its state.
  await db.insertInto(lean).expression(db.selectFrom(JOBS).selectAll()).execute();
  await db.schema.dropTable(JOBS).execute();
  await db.schema.alterTable(lean).renameTo(JOBS).execute();
  await db.schema.createIndex('tessera_job_due').on(JOBS).columns(['status', 'run_at']).execute();
  await db.schema
    .createIndex('tessera_job_replace')
    .on(JOBS)
    .column('replace_key')
    .where('replace_key', 'is not', null)
    .execute();
}
