/**
 * Wall-clock time in an IANA time zone, both ways, and ISO 8601 durations added the way a calendar does
 * (as Temporal's ZonedDateTime): years, months, weeks and days move the wall clock (`P1D` is the same time
 * the next day, 23 or 25 hours across a daylight-saving change), hours, minutes and seconds are exact time.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface Duration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  /** Hours, minutes and seconds, in milliseconds. */
  exactMs: number;
}

const DURATION =
  /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** An ISO 8601 duration (`-PT2H`, `P1DT12H`, `-P1W`), or undefined when `text` is not one. */
export function parseDuration(text: string): Duration | undefined {
  const m = DURATION.exec(text);
  if (!m || text.endsWith('P') || text.endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    sign: m[1] === '-' ? -1 : 1,
    years: n(2),
    months: n(3),
    weeks: n(4),
    days: n(5),
    exactMs: Math.round(((n(6) * 60 + n(7)) * 60 + n(8)) * 1000),
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time at `instant` in `timeZone`. */
export function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

const asUtc = (w: WallTime) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

/** How far ahead of UTC the zone's wall clock is at `instant`, in milliseconds. */
const offsetAt = (instant: number, timeZone: string) => asUtc(wallTime(instant, timeZone)) - instant;

/**
 * The instant a wall-clock time names in `timeZone`. A time that occurs twice (the clock goes back) is the
 * earlier; one that never occurs (the clock skips ahead) is moved ahead by the gap, as Temporal's `compatible`.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const local = asUtc(wall);
  const DAY = 86_400_000;
  const offsets = [...new Set([offsetAt(local - DAY, timeZone), offsetAt(local + DAY, timeZone)])];
  const fits = offsets
    .map((offset) => local - offset)
    .filter((instant) => asUtc(wallTime(instant, timeZone)) === local)
    .sort((a, b) => a - b);
  if (fits.length) return fits[0] as number;
  // In a gap: the offset in force before it carries the time past the gap.
  return local - offsetAt(local - DAY, timeZone);
}

/** `instant` plus `duration`, its calendar part on the wall clock of `timeZone`. */
export function addDuration(instant: number, duration: Duration, timeZone: string): number {
  const { sign } = duration;
  let at = instant;
  if (duration.years || duration.months || duration.weeks || duration.days) {
    const w = wallTime(instant, timeZone);
    const months = w.month - 1 + sign * (duration.years * 12 + duration.months);
    const year = w.year + Math.floor(months / 12);
    const month = (((months % 12) + 12) % 12) + 1;
    // The 31st plus a month is the last day of a shorter month, as a calendar does it.
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const shifted = new Date(Date.UTC(year, month - 1, Math.min(w.day, lastDay)));
    shifted.setUTCDate(shifted.getUTCDate() + sign * (duration.weeks * 7 + duration.days));
    at = instantOf(
      {
        ...w,
        year: shifted.getUTCFullYear(),
        month: shifted.getUTCMonth() + 1,
        day: shifted.getUTCDate(),
      },
      timeZone,
    );
  }
  return at + sign * duration.exactMs;
}
