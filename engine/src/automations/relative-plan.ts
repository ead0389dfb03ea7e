/**
 * Relative triggers (`two hours before sla_due`): when a record is written, its run is planned as a queued job
 * due at its date field plus the offset, one per automation and record (`replaceKey`), so planning again
 * replaces the earlier plan. Planned again when the date field changes or the record starts to match `when`;
 * cancelled when it stops matching, the date is cleared, or the record is deleted.
 */
import type { RecordData } from '../records/record-api.js';
import type { RecordChange } from '../records/write/record-change.js';
import type { CompiledAutomation } from './compile-automations.js';
import { addDuration, instantOf } from './zoned-time.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The key of an automation's planned run on a record: recording another with it replaces the pending one. */
export const relativeKey = (automation: string, object: string, id: string): string =>
  `relative:${automation}:${object}:${id}`;

/**
 * When the automation is due for `record`, or undefined when its field is blank. A date field counts from the
 * start of that day in `timeZone` (the zone of the person whose write planned it, as TODAY() is theirs).
 */
export function plannedAt(
  automation: CompiledAutomation,
  record: RecordData,
  timeZone: string,
): number | undefined {
  const relative = automation.relative;
  const value = relative ? record[relative.field] : undefined;
  if (!relative || typeof value !== 'string') return undefined;
  const day = DATE.exec(value);
  const start = day
    ? instantOf(
        {
          year: Number(day[1]),
          month: Number(day[2]),
          day: Number(day[3]),
          hour: 0,
          minute: 0,
          second: 0,
          millisecond: 0,
        },
        timeZone,
      )
    : Date.parse(value);
  return Number.isNaN(start) ? undefined : addDuration(start, relative.offset, timeZone);
}

/** Whether a write may change an automation's plan for the record: its date, or a field `when` reads. */
export function touchesPlan(automation: CompiledAutomation, change: RecordChange): boolean {
  if (change.operation !== 'update') return true;
  const changed = new Set(change.changedFields);
  if (automation.relative && changed.has(automation.relative.field)) return true;
  return automation.when?.fields.some((p) => changed.has(p[0] as string)) ?? false;
}
