/**
 * The automation engine's tables: run history, the durable job queue, job attempts and notifications, and the
 * evaluator's own state (when each schedule last fired, whom each round-robin gave the last record). The DDL
 * is written out here, not shared with the code that reads the tables: a released migration never changes.
 */
import { sql } from 'kysely';
import { createAutomationStateTables } from '../../automations/automation-tables.js';
import { ATTEMPTS, JOBS, NOTIFICATIONS, RUNS } from '../../queue/queue-tables.js';
import type { DialectName } from '../../storage/column-type.js';
import type { AnyDb } from '../../storage/storage.js';
import type { PlatformMigration } from './platform-migration.js';

export const automation: PlatformMigration = {
  version: 2,
  name: 'automation',
  up: async (db, dialect) => {
    await createQueueTables(db, dialect);
    await createAutomationStateTables(db);
  },
};

async function createQueueTables(db: AnyDb, dialect: DialectName): Promise<void> {
  // Ids compare with records' and users' id columns: the same type on each dialect.
  const uuid = dialect === 'postgres' ? 'uuid' : 'text';
  await db.schema
    .createTable(RUNS)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('automation', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', uuid)
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('actor', uuid)
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'bigint')
    .addColumn('actions', 'text', (c) => c.notNull())
    // On SQLite the run is stored in its id's b-tree itself, not beside a rowid table: one b-tree fewer to
    // write with every run recorded in a write's transaction (rows are small: a run's actions, not its data).
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  for (const [name, columns] of [
    ['tessera_automation_run_automation', ['automation', 'id']],
    ['tessera_automation_run_record', ['object', 'record_id']],
    ['tessera_automation_run_status', ['status', 'id']],
    ['tessera_automation_run_created', ['created_at']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(RUNS)
      .columns([...columns])
      .execute();

  await db.schema
    .createTable(JOBS)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('run_id', uuid, (c) => c.notNull())
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
    .execute();
  // The worker's claim reads due jobs by status and time; a run's page reads its jobs.
  for (const [name, columns] of [
    ['tessera_job_due', ['status', 'run_at']],
    ['tessera_job_run', ['run_id']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(JOBS)
      .columns([...columns])
      .execute();
  // Planning finds a record's planned jobs by key. Only relative triggers' jobs have one: the others (every
  // webhook, every notification) stay out of the index, and their writes do not update it.
  await db.schema
    .createIndex('tessera_job_replace')
    .ifNotExists()
    .on(JOBS)
    .column('replace_key')
    .where('replace_key', 'is not', null)
    .execute();

  await db.schema
    .createTable(ATTEMPTS)
    .ifNotExists()
    .addColumn('job_id', uuid, (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('tessera_job_attempt_pk', ['job_id', 'attempt'])
    .execute();

  await db.schema
    .createTable(NOTIFICATIONS)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('user_id', uuid, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('object', 'text')
    .addColumn('record_id', uuid)
    .addColumn('automation', 'text')
    .addColumn('delivery_id', uuid, (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A retried delivery notifies nobody twice.
    .addUniqueConstraint('tessera_notification_delivery', ['delivery_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('tessera_notification_user')
    .ifNotExists()
    .on(NOTIFICATIONS)
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tessera_notification_created')
    .ifNotExists()
    .on(NOTIFICATIONS)
    .column('created_at')
    .execute();
}
