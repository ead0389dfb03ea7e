/**
 * Run history does not grow for ever: finished runs older than the retention period go, with their jobs and
 * attempts, and so do notifications. A run with work still pending stays, however old.
 */

import { firstIdAt } from '../records/record-ids.js';
import type { AnyDb } from '../storage/storage.js';
import { isoAt } from './clock.js';
import { ATTEMPTS, JOBS, NOTIFICATIONS, RUNS } from './queue-tables.js';

export const DEFAULT_RETENTION_MS = 30 * 24 * 3_600_000;

export interface Purged {
  runs: number;
  notifications: number;
}

export async function purgeHistory(trx: AnyDb, now: number, retentionMs: number): Promise<Purged> {
  const cutoff = isoAt(now - retentionMs);
  // Ids are UUIDv7: everything made before the cutoff has a smaller id, so old rows are a range of the primary
  // key, and a run's jobs (made with it) are in the same range. No index on times or on a job's run needed.
  const before = firstIdAt(now - retentionMs);
  const oldRuns = trx.selectFrom(RUNS).select('id').where('id', '<', before).where('status', '<>', 'pending');
  const oldJobs = trx.selectFrom(JOBS).select('id').where('id', '<', before).where('run_id', 'in', oldRuns);
  await trx.deleteFrom(ATTEMPTS).where('job_id', 'in', oldJobs).execute();
  await trx.deleteFrom(JOBS).where('id', 'in', oldJobs).execute();
  const runs = await trx.deleteFrom(RUNS).where('id', 'in', oldRuns).executeTakeFirst();
  const notifications = await trx
    .deleteFrom(NOTIFICATIONS)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return { runs: Number(runs.numDeletedRows), notifications: Number(notifications.numDeletedRows) };
}
