/**
 * A dead job tried again on request (the run log's retry button): back to pending, due now, with a fresh
 * round of attempts on the retry schedule. Its attempts so far stay in the history and go on counting.
 */
import type { Storage } from '../storage/storage.js';
import { isoAt } from './clock.js';
import { signalEnqueued } from './enqueue-signal.js';
import { JOBS, RUNS } from './queue-tables.js';
import { ATTEMPTS_PER_JOB } from './retry-schedule.js';
import { jobIdsOf } from './run-actions.js';
import { settleRuns } from './settle-runs.js';

/** Retries the dead jobs of a run, or one dead job, by id. Returns how many jobs are pending again. */
export function retryDead(storage: Storage, id: string, now: number): Promise<number> {
  return storage.transaction(async (trx) => {
    const run = await trx.selectFrom(RUNS).select('actions').where('id', '=', id).executeTakeFirst();
    const ids = run ? jobIdsOf(run) : [id];
    if (!ids.length) return 0;
    const jobs = await trx
      .updateTable(JOBS)
      .set((eb) => ({
        status: 'pending',
        run_at: isoAt(now),
        max_attempts: eb('attempts', '+', ATTEMPTS_PER_JOB),
        updated_at: isoAt(now),
      }))
      .where('id', 'in', ids)
      .where('status', '=', 'dead')
      .returning('run_id')
      .execute();
    await settleRuns(
      trx,
      jobs.map((j) => String(j.run_id)),
      now,
    );
    if (jobs.length) signalEnqueued();
    return jobs.length;
  });
}
