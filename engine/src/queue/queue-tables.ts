/**
 * The automation queue's tables, beside the records in the workspace's own database: run history, one job per
 * queued action (its id is the delivery id a receiver sees), each attempt at a job, and the in-app
 * notifications the notify action leaves. Written in the transaction of the write that triggered them, so a
 * write that rolls back leaves no run and no job, and a committed one loses none. Their DDL is the platform
 * migrations' (store/migrations/0002-automation.ts, 0003-lean-queue.ts).
 */
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
