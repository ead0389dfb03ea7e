/**
 * What the evaluator needs of the durable queue (engine/src/queue): recording runs and their jobs, and
 * cancelling a planned job, both in the caller's transaction.
 */
import type { AnyDb } from '../storage/storage.js';
import type { RunInput } from './run-input.js';

export interface AutomationQueue {
  recordRuns(trx: AnyDb, runs: readonly RunInput[], now: number): Promise<unknown>;
  cancelJobs(trx: AnyDb, replaceKey: string): Promise<unknown>;
}
