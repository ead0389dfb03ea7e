/** Calendar arithmetic on `YYYY-MM-DD` dates, by day numbers in UTC: no time zone can shift a date. */
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

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
