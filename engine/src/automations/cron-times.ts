/**
 * Fire times of a cron schedule in its IANA zone (croner: a local time skipped by a daylight-saving change
 * fires when the clock resumes, one that repeats fires once).
 */
import { Cron } from 'croner';
import { isTimeZone } from '../formulas/formula-clock.js';
import { getOrCreate } from '../util/get-or-create.js';

const crons = new Map<string, Cron | null>();

function cronOf(pattern: string, timeZone: string): Cron | null {
  return getOrCreate(crons, `${timeZone} ${pattern}`, () => {
    if (!isTimeZone(timeZone)) return null;
    try {
      return new Cron(pattern, { timezone: timeZone, paused: true });
    } catch {
      // A deploy refuses a bad expression or zone; one saved before the check tightened never fires.
      return null;
    }
  });
}

/** The first fire time after `after`, or undefined when there is none. */
export function nextFire(pattern: string, timeZone: string, after: number): number | undefined {
  return cronOf(pattern, timeZone)?.nextRun(new Date(after))?.getTime();
}

/** Fire times past `now` that a stopped scheduler missed are not caught up one by one: the latest fires once. */
const MAX_MISSED = 10_000;

/** The latest fire time after `last` and not after `now`, or undefined when none is due. */
export function latestDue(pattern: string, timeZone: string, last: number, now: number): number | undefined {
  let due = nextFire(pattern, timeZone, last);
  if (due === undefined || due > now) return undefined;
  for (let i = 0; i < MAX_MISSED; i++) {
    const next = nextFire(pattern, timeZone, due);
    if (next === undefined || next > now) break;
    due = next;
  }
  return due;
}
