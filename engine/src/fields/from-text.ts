/**
 * Reading a field's value from the text of a file's cell (imports, seed data), in the formats a locale writes:
 * `1.234,56` where the comma is the decimal separator, `5.3.2024` where the day comes first. Each field type's
 * `fromText` (field-type-def.ts) is built from these; undefined always means "not a value of this type".
 */
import type { TextFormats } from './field-type-def.js';

/** Digits grouped by thousands with `sep`, or not grouped at all. */
const grouped = (sep: string) => `(?:\\d{1,3}(?:${sep}\\d{3})+|\\d+)`;
const POINT_DECIMAL = new RegExp(`^([+-]?)(${grouped("[,\\s'\u00a0]")})(?:\\.(\\d+))?$`);
const COMMA_DECIMAL = new RegExp(`^([+-]?)(${grouped("[.\\s'\u00a0]")})(?:,(\\d+))?$`);

/**
 * A decimal number as its canonical text (`-1234.56`), or undefined. Thousands separators are allowed only in
 * groups of three, so `1,5` with a point separator is refused rather than read as 15.
 */
export function decimalText(cell: string, formats: TextFormats): string | undefined {
  const match = (formats.decimalSeparator === ',' ? COMMA_DECIMAL : POINT_DECIMAL).exec(cell.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction] = match;
  const digits = whole.replace(/\D/g, '');
  return `${sign === '-' ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
}

export function decimalFromText(cell: string, formats: TextFormats): number | undefined {
  const text = decimalText(cell, formats);
  return text === undefined ? undefined : Number(text);
}

export function integerFromText(cell: string, formats: TextFormats): number | undefined {
  const text = decimalText(cell, formats);
  if (text === undefined || text.includes('.')) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * A calendar date as `YYYY-MM-DD`, or undefined. Year-first forms (`2024-03-05`, `2024/3/5`, `2024年3月5日`)
 * are read always; year-last ones (`5.3.2024`, `3/5/2024`) only when the date order says which is the day.
 * The day is never taken through an instant, so no time zone can move it.
 */
export function dateFromText(cell: string, formats: TextFormats): string | undefined {
  const text = cell.trim();
  const first = YEAR_FIRST.exec(text) ?? CHINESE.exec(text);
  if (first) return calendarDay(first[1], first[2], first[3]);
  const last = YEAR_LAST.exec(text);
  if (!last || formats.dateOrder === undefined || formats.dateOrder === 'ymd') return undefined;
  const [, a, b, year] = last;
  return formats.dateOrder === 'dmy' ? calendarDay(year, b, a) : calendarDay(year, a, b);
}

function calendarDay(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): string | undefined {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  // Date.UTC rolls 31 February over into March: a day that does not exist comes back as another one.
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_TIME = /^(.+?)[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant as ISO 8601 text, or undefined: a date in any form `dateFromText` reads, a time, and a zone (UTC
 * when none is written: a file carries no time zone of its own).
 */
export function dateTimeFromText(cell: string, formats: TextFormats): string | undefined {
  const match = DATE_TIME.exec(cell.trim());
  if (!match) return undefined;
  const [, day = '', hours = '', minutes, seconds = '00', fraction = '', zone = 'Z'] = match;
  const date = dateFromText(day, formats);
  if (!date || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return `${date}T${hours.padStart(2, '0')}:${minutes}:${seconds}${fraction}${offset}`;
}

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  y: true,
  n: false,
  是: true,
  否: false,
};

export const booleanFromText = (cell: string): boolean | undefined => BOOLEANS[cell.trim().toLowerCase()];
