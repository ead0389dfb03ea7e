/** Calendar arithmetic on `YYYY-MM-DD` dates, by day numbers in UTC: no time zone can shift a date. */
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `YYYY-MM-DD` of a day number, by Howard Hinnant's civil-from-days (a formula runs this per record: building
 * and printing a Date costs ten times as much). Years outside 1–9999 go through Date, which writes them.
 */
export function fromDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1000 || y > 9999) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The date, or undefined when the parts name no day (February 30th). */
export function makeDate(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return fromDayNumber(d.getTime() / DAY_MS);
}

export const parts = (date: string) => {
  const m = DATE.exec(date) as RegExpExecArray;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Salesforce ADDMONTHS: the same day n months on; the last day of a month stays the last day. */
export function addMonths(date: string, months: number): string | undefined {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = daysInMonth(y, m);
  const d = day === daysInMonth(year, month) ? last : Math.min(day, last);
  return makeDate(y, m, d);
}

export const datetimeToDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const DAY_IN_MS = DAY_MS;
