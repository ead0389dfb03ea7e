/**
 * What the worker hands an executor, and how an executor reports. An executor carries out one job type
 * (`webhook`, `notify`, `create_record`, …). Returning means success; throwing means try again later on the
 * retry schedule, unless the error is a `PermanentJobError` (the job is dead at once: retrying cannot help).
 */
import type { AnyDb, Storage } from '../storage/storage.js';
import type { Clock } from './clock.js';
import type { RunTrigger } from './queue-tables.js';

export interface ClaimedJob {
  /** The job's id: the stable delivery id, the same on every attempt. */
  id: string;
  runId: string;
  actionIndex: number;
  type: string;
  payload: unknown;
  /** This attempt's number, from 1. */
  attempt: number;
  /** The attempt at which a failure makes the job dead. */
  maxAttempts: number;
  automation: string;
  object: string;
  recordId: string | null;
  trigger: RunTrigger;
  /** The run's depth: a record written by this job is written at depth + 1. */
  depth: number;
  actor: string | null;
}

export interface JobContext {
  storage: Storage;
  clock: Clock;
  /**
   * Runs `fn` in a write transaction that also marks the job done: for work that is only database writes,
   * this makes it happen exactly once (if the worker lost the job's lease meanwhile, the transaction rolls
   * back). `storage` is the transaction's, for a RecordApi bound to it.
   */
  transaction<T>(fn: (trx: AnyDb, storage: Storage) => Promise<T>): Promise<T>;
  /** Aborted when the worker stops; long calls should give up with it. */
  signal: AbortSignal;
}

export interface JobExecutor {
  run(job: ClaimedJob, context: JobContext): Promise<void>;
}

/** A failure that no retry can fix (a refused address, a payload the executor cannot read): dead at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}
