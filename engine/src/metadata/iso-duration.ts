/**
 * ISO 8601 durations as automations write them: `-PT2H` (two hours before), `P1D`, `P1M2DT30M`. Whole numbers
 * only; weeks may be combined with the other parts (as ISO 8601-2 allows). Calendar parts (years, months, weeks,
 * days) are kept apart from clock parts, because a day across a daylight-saving change is not 24 hours.
 */
export interface IsoDuration {
  /** -1 for a duration before the date it is added to. */
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION =
  /^([+-])?P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

/** The duration `text` says, or undefined when it is not one (`P`, `PT`, `PT2.5H`, `2H`, `P1H`). */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, sign, ...parts] = m;
  // At least one part, and a `T` only with a clock part after it.
  if (parts.every((p) => p === undefined)) return undefined;
  if (text.includes('T') && parts.slice(4).every((p) => p === undefined)) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = parts.map((p) => Number(p ?? 0)) as number[];
  return {
    sign: sign === '-' ? -1 : 1,
    years: years ?? 0,
    months: months ?? 0,
    weeks: weeks ?? 0,
    days: days ?? 0,
    hours: hours ?? 0,
    minutes: minutes ?? 0,
    seconds: seconds ?? 0,
  };
}
