/**
 * Recording the outcome of attempts: done, tried again later on the retry schedule, dead, or handed back
 * untried (the worker stopped). Every update is guarded by the worker's claim: a worker whose lease expired and
 * whose job another worker took meanwhile changes nothing about the job (its attempt is still recorded).
 */
import { sql } from 'kysely';
import type { AnyDb } from '../storage/storage.js';
import { isoAt } from './clock.js';
import { ATTEMPTS, JOBS } from './queue-tables.js';
import { retryDelay } from './retry-schedule.js';
import { settleRuns } from './settle-runs.js';

export interface AttemptOutcome {
  jobId: string;
  runId: string;
  attempt: number;
  maxAttempts: number;
  startedAt: number;
  durationMs: number;
  /** Undefined on success. */
  error?: string;
  /** The error is one no retry can fix: dead at once. */
  permanent?: boolean;
}

const MAX_DETAIL = 2000;

/**
 * Writes the outcomes in `trx`. Returns the ids of the jobs whose update took (this worker still held them).
 */
export async function finishJobs(
  trx: AnyDb,
  workerId: string,
  outcomes: readonly AttemptOutcome[],
  now: number,
): Promise<Set<string>> {
  const at = isoAt(now);
  const held = new Set<string>();
  for (const o of outcomes) {
    const delay = o.error === undefined || o.permanent ? undefined : retryDelay(o.attempt, o.maxAttempts);
    const next =
      o.error === undefined
        ? { status: 'done', last_error: null }
        : delay === undefined
          ? { status: 'dead', last_error: o.error.slice(0, MAX_DETAIL) }
          : { status: 'pending', last_error: o.error.slice(0, MAX_DETAIL), run_at: isoAt(now + delay) };
    const updated = await trx
      .updateTable(JOBS)
      .set({ ...next, lease_until: null, locked_by: null, updated_at: at })
      .where('id', '=', o.jobId)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) held.add(o.jobId);
    await trx
      .insertInto(ATTEMPTS)
      .values({
        job_id: o.jobId,
        attempt: o.attempt,
        started_at: isoAt(o.startedAt),
        duration_ms: Math.round(o.durationMs),
        outcome: o.error === undefined ? 'ok' : 'error',
        detail: o.error === undefined ? null : o.error.slice(0, MAX_DETAIL),
      })
      .onConflict((oc) => oc.columns(['job_id', 'attempt']).doNothing())
      .execute();
  }
  await settleRuns(
    trx,
    outcomes.map((o) => o.runId),
    now,
  );
  return held;
}

/** Hands jobs back untried: due again at once, their attempt not counted. */
export async function releaseJobs(trx: AnyDb, workerId: string, jobIds: readonly string[], now: number) {
  if (!jobIds.length) return;
  await trx
    .updateTable(JOBS)
    .set({
      status: 'pending',
      attempts: sql`attempts - 1`,
      run_at: isoAt(now),
      lease_until: null,
      locked_by: null,
      updated_at: isoAt(now),
    })
    .where('id', 'in', jobIds)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}
