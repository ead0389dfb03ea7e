/**
 * Values as the user reads them, by field type, in the UI language: dates are calendar days and never move
 * across time zones; datetimes are shown in the user's time zone; money and numbers with the locale's digits.
 */

import { localize } from '@tessera/engine/localized-text';
import type { PropertyDocument } from '../api/types.js';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number | undefined): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale,
      digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits },
    );
    numberFormats.set(key, format);
  }
  return format;
}

/** A `YYYY-MM-DD` day, formatted as that day wherever the browser is. */
export function formatDate(value: string, locale: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms)
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

export function formatDateTime(value: string, locale: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms)
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** The field type a value is shown as: a formula as what it returns. */
const shownAs = (prop: PropertyDocument): string => {
  const o = prop['x-tessera'];
  return o.field === 'formula' ? (o.returns ?? 'text') : o.field;
};

/**
 * The digits a roll-up is shown with: its `scale`, else 0 for a count and 2 for a sum, min or max (as the
 * engine keeps it).
 */
export function rollupScale(prop: PropertyDocument): number {
  const o = prop['x-tessera'];
  return o.scale ?? (o.function === 'count' ? 0 : 2);
}

export function formatValue(
  value: unknown,
  prop: PropertyDocument | undefined,
  locale: string,
  words: { yes: string; no: string },
  /** For a roll-up: the field it summarizes (a sum of money reads as money, of percents as a percent). */
  summarized?: PropertyDocument,
): string {
  if (value === null || value === undefined || value === '') return '';
  if (!prop)
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? formatDateTime(value, locale)
      : String(value);
  const o = prop['x-tessera'];
  switch (shownAs(prop)) {
    case 'date':
      return formatDate(String(value), locale);
    case 'datetime':
      return formatDateTime(String(value), locale);
    case 'currency':
      return numberFormat(locale, o.scale ?? 2).format(Number(value));
    case 'percent':
      return `${numberFormat(locale, o.scale).format(Number(value))}%`;
    case 'number':
    case 'integer':
      return numberFormat(locale, o.scale).format(Number(value));
    case 'rollup': {
      // Money summed (or its min or max) reads as money; percents as a percent; a count as a whole number.
      const text = numberFormat(locale, rollupScale(prop)).format(Number(value));
      const of = o.function !== 'count' && summarized ? shownAs(summarized) : undefined;
      return of === 'percent' ? `${text}%` : text;
    }
    case 'boolean':
      return value === true ? words.yes : words.no;
    case 'picklist':
      return optionLabel(prop, String(value), locale);
    case 'multipicklist':
      return Array.isArray(value)
        ? value.map((v) => optionLabel(prop, String(v), locale)).join(', ')
        : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export function optionLabel(prop: PropertyDocument, value: string, locale: string): string {
  const option = prop['x-tessera'].options?.find((o) => o.value === value);
  return localize(option?.label, locale) ?? value;
}
