/**
 * Run history does not grow for ever: finished runs older than the retention period go, with their jobs and
 * attempts, and so do notifications. A run with work still pending stays, however old.
 */
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
  const oldRuns = trx
    .selectFrom(RUNS)
    .select('id')
    .where('created_at', '<', cutoff)
    .where('status', '<>', 'pending');
  await trx
    .deleteFrom(ATTEMPTS)
    .where('job_id', 'in', trx.selectFrom(JOBS).select('id').where('run_id', 'in', oldRuns))
    .execute();
  await trx.deleteFrom(JOBS).where('run_id', 'in', oldRuns).execute();
  const runs = await trx.deleteFrom(RUNS).where('id', 'in', oldRuns).executeTakeFirst();
  const notifications = await trx
    .deleteFrom(NOTIFICATIONS)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return { runs: Number(runs.numDeletedRows), notifications: Number(notifications.numDeletedRows) };
}
