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

const MINUTE = 60_000;
/** The last day computed per zone, and the minute it holds for: a day changes only on a whole minute in every zone. */
const lastDay = new Map<string, { minute: number; today: string }>();

/** The clock at `now` in `timeZone` (which must pass `isTimeZone`). */
export function clockIn(timeZone: string, now: number = Date.now()): FormulaClock {
  const minute = Math.floor(now / MINUTE);
  let day = lastDay.get(timeZone);
  if (day?.minute !== minute) {
    // Formatting a date in a zone costs microseconds; every write and read asks for it.
    day = { minute, today: formatterFor(timeZone).format(now) };
    lastDay.set(timeZone, day);
  }
  return { now, today: day.today };
}
