/**
 * A run's status follows its jobs: pending while any is pending or running, dead once a job is dead and none
 * is left to try, done when every job is done or cancelled. Called wherever jobs change state, in the same
 * transaction.
 */
import type { AnyDb } from '../storage/storage.js';
import { isoAt } from './clock.js';
import { JOBS, type JobStatus, RUNS, type RunStatus } from './queue-tables.js';
import { jobIdsOf } from './run-actions.js';

function runStatus(jobs: readonly JobStatus[]): RunStatus {
  if (jobs.some((s) => s === 'pending' || s === 'running')) return 'pending';
  return jobs.includes('dead') ? 'dead' : 'done';
}

export async function settleRuns(db: AnyDb, runIds: readonly string[], now: number): Promise<void> {
  const ids = [...new Set(runIds)];
  if (!ids.length) return;
  const runs = await db
    .selectFrom(RUNS)
    .select(['id', 'status', 'created_at', 'actions'])
    .where('id', 'in', ids)
    .execute();
  const jobIds = runs.flatMap(jobIdsOf);
  const jobs = jobIds.length
    ? await db.selectFrom(JOBS).select(['run_id', 'status']).where('id', 'in', jobIds).execute()
    : [];
  const byRun = new Map<string, JobStatus[]>();
  for (const job of jobs) {
    const list = byRun.get(String(job.run_id)) ?? [];
    list.push(job.status);
    byRun.set(String(job.run_id), list);
  }
  for (const run of runs) {
    // A run recorded failed ran nothing; it stays as it was recorded.
    if (run.status === 'failed') continue;
    const status = runStatus(byRun.get(String(run.id)) ?? []);
    const finished = status !== 'pending';
    await db
      .updateTable(RUNS)
      .set({
        status,
        finished_at: finished ? isoAt(now) : null,
        duration_ms: finished ? Math.max(0, now - Date.parse(run.created_at)) : null,
      })
      .where('id', '=', run.id)
      .execute();
  }
}
