/**
 * The automation queue's tables, beside the records in the workspace's own database: run history, one job per
 * queued action (its id is the delivery id a receiver sees), each attempt at a job, and the in-app
 * notifications the notify action leaves. Written in the transaction of the write that triggered them, so a
 * write that rolls back leaves no run and no job, and a committed one loses none.
 */
import { sql } from 'kysely';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';

export const RUNS = 'tessera_automation_run';
export const JOBS = 'tessera_job';
export const ATTEMPTS = 'tessera_job_attempt';
export const NOTIFICATIONS = 'tessera_notification';

export type RunTrigger = 'create' | 'update' | 'delete' | 'schedule' | 'relative';
/** `failed`: recorded failed, nothing ran (a chain too deep); `dead`: a job ran out of attempts. */
export type RunStatus = 'pending' | 'done' | 'failed' | 'dead';
/** What a run is about: the same for the run and for each of its jobs. */
export interface RunSubject {
  /** The automation's API name. */
  automation: string;
  object: string;
  /** The triggering record; null for a run about no single record. */
  recordId: string | null;
  trigger: RunTrigger;
  /** How many automation steps led to the write: 0 for a user's; a record a job writes is one deeper. */
  depth: number;
  /** The user on whose behalf the write was made. */
  actor: string | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

export interface RunRow {
  id: string;
  automation: string;
  object: string;
  record_id: string | null;
  trigger: RunTrigger;
  actor: string | null;
  depth: number;
  status: RunStatus;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  /** JSON: `RunAction[]`, one per action of the automation, in order. */
  actions: string;
}

export interface JobRow {
  id: string;
  run_id: string;
  action_index: number;
  type: string;
  /** JSON, as the evaluator built it. */
  payload: string;
  status: JobStatus;
  /** Attempts made so far, every one counted (a retried dead job goes on counting). */
  attempts: number;
  /** The attempt count at which a failing job is dead: raised by a retry. */
  max_attempts: number;
  /** ISO time of the next try. */
  run_at: string;
  /** ISO time a running job's claim ends: after it, another worker may take the job. */
  lease_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  /** Jobs planned for a record (relative triggers): recording another with the same key cancels this one. */
  replace_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface AttemptRow {
  job_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  outcome: 'ok' | 'error';
  detail: string | null;
}

export interface NotificationRow {
  id: string;
  user_id: string;
  /** JSON: the title in every language the automation gave (read in the reader's language). */
  title: string;
  /** JSON: the message in every language, as `title`. */
  body: string;
  object: string | null;
  record_id: string | null;
  automation: string | null;
  delivery_id: string;
  read_at: string | null;
  /** When the e-mail copy went out (null: not sent, or no SMTP server configured). */
  emailed_at: string | null;
  created_at: string;
}

/** Creates the tables where they are missing (idempotent; migration 0002 once migrations exist). */
export async function createAutomationTables(db: AnyDb, dialect: DialectName): Promise<void> {
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
