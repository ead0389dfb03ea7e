/**
 * Claiming due jobs: one UPDATE that takes up to `limit` jobs whose time has come (or whose claim by another
 * worker has expired) and marks them running under this worker's lease. On PostgreSQL the jobs are picked
 * `FOR UPDATE SKIP LOCKED`, so workers in several runtimes never take the same job and never wait for each
 * other; SQLite has one writer, and the single statement is its own write transaction.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Storage } from '../storage/storage.js';
import { isoAt } from './clock.js';
import type { ClaimedJob } from './job-executor.js';
import { JOBS, type JobRow, RUNS, type RunRow } from './queue-tables.js';

export interface ClaimOptions {
  workerId: string;
  now: number;
  leaseMs: number;
  limit: number;
  /** Only jobs of these types: those this worker has executors for. */
  types: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: the queue tables are not in a typed schema.
const due = (at: string) => (eb: ExpressionBuilder<any, any>) =>
  eb.or([
    eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', at)]),
    eb.and([eb('status', '=', 'running'), eb('lease_until', '<=', at)]),
  ]);

export async function claimJobs(storage: Storage, options: ClaimOptions): Promise<ClaimedJob[]> {
  if (!options.types.length) return [];
  const at = isoAt(options.now);
  const db = storage.db;
  let pick = db
    .selectFrom(JOBS)
    .select('id')
    .where(due(at))
    .where('type', 'in', options.types)
    .orderBy('run_at')
    .limit(options.limit);
  if (storage.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const jobs = (await db
    .updateTable(JOBS)
    .set({
      status: 'running',
      lease_until: isoAt(options.now + options.leaseMs),
      locked_by: options.workerId,
      attempts: sql`attempts + 1`,
      updated_at: at,
    })
    .where('id', 'in', pick)
    .returningAll()
    .execute()) as JobRow[];
  if (!jobs.length) return [];
  const runs = new Map(
    (
      (await db
        .selectFrom(RUNS)
        .selectAll()
        .where('id', 'in', [...new Set(jobs.map((j) => String(j.run_id)))])
        .execute()) as RunRow[]
    ).map((r) => [String(r.id), r]),
  );
  return jobs
    .sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : 0))
    .flatMap((job) => {
      const run = runs.get(String(job.run_id));
      // A run deleted by retention while its job was pending: nothing left to report to.
      if (!run) return [];
      return [
        {
          id: String(job.id),
          runId: String(job.run_id),
          actionIndex: Number(job.action_index),
          type: job.type,
          payload: JSON.parse(job.payload),
          attempt: Number(job.attempts),
          maxAttempts: Number(job.max_attempts),
          automation: run.automation,
          object: run.object,
          recordId: run.record_id === null ? null : String(run.record_id),
          trigger: run.trigger,
          depth: Number(run.depth),
          actor: run.actor === null ? null : String(run.actor),
        },
      ];
    });
}
