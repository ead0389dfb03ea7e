/**
 * The days of a calendar view: a month's grid of weeks, and the day each record falls on. A date field's value is
 * its own day in every zone; a date-time is on the day it falls on in the user's time zone, so 01:30 UTC is the
 * evening before in New York and the same morning in Shanghai.
 */
import type { ViewRole } from '../api/types.js';

/** `YYYY-MM` */
export type Month = string;

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The day (`YYYY-MM-DD`) a value falls on, or undefined for a value that is not a date. */
export function dayKey(value: unknown, role: ViewRole, timeZone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (role === 'day') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  // en-CA writes a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export const monthOf = (day: string): Month => day.slice(0, 7);

export function shiftMonth(month: Month, by: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The weeks (Monday first) that show the month, each a list of seven days. */
export function monthGrid(month: Month): string[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const start = new Date(first);
  start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7));
  const weeks: string[][] = [];
  const day = new Date(start);
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(dayOf(day));
      day.setUTCDate(day.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (day.getUTCMonth() === m - 1);
  return weeks;
}

/**
 * A data API filter of the records that may show on the grid: a day either side for date-times, so that every
 * zone's days are covered (the records are then placed by their day in the user's zone).
 */
export function gridFilter(field: string, weeks: string[][], role: ViewRole): Record<string, unknown> {
  const first = weeks[0]?.[0] as string;
  const last = weeks.at(-1)?.[6] as string;
  if (role === 'day') return { [field]: { gte: first, lte: last } };
  const from = new Date(`${first}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1);
  const to = new Date(`${last}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 2);
  return { [field]: { gte: from.toISOString(), lt: to.toISOString() } };
}
