/**
 * The automation evaluator's own state, beside the queue's tables: when each scheduled automation last fired
 * (so two runtimes on one database fire it once), and whom each round-robin assignment gave the last record.
 */
import type { AnyDb } from '../storage/storage.js';

export const SCHEDULES = 'tessera_automation_schedule';
export const ROUND_ROBIN = 'tessera_round_robin';

export interface ScheduleRow {
  automation: string;
  /** The cron expression and time zone the fire time was counted by: a changed schedule counts afresh. */
  pattern: string;
  /** ISO instant of the last fire time (or of when the schedule was first seen). */
  fired_at: string;
}

export interface RoundRobinRow {
  /** The automation and action (`new_lead_assign#0`). */
  key: string;
  last_user: string | null;
}

export async function createAutomationStateTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable(SCHEDULES)
    .ifNotExists()
    .addColumn('automation', 'text', (c) => c.primaryKey())
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(ROUND_ROBIN)
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('last_user', 'text')
    .execute();
}
