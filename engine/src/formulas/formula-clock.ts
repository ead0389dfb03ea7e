/**
 * The time formulas see. NOW() is an instant, the same everywhere; TODAY() is the calendar day in the time
 * zone of the person the work is done for, so a rule like `close_date < TODAY()` does not change its mind at
 * midnight UTC for someone in Shanghai.
 */
import type { RunContext } from '@tessera/formula';

export type FormulaClock = Pick<RunContext, 'now' | 'today'>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether `name` is an IANA time zone this runtime knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (formatters.has(name)) return true;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The clock at `now` in `timeZone` (which must pass `isTimeZone`). */
export function clockIn(timeZone: string, now: number = Date.now()): FormulaClock {
  return { now, today: formatterFor(timeZone).format(now) };
}
