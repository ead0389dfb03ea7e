/**
 * The studio's texts as ICU messages (intl-messageformat): plurals (`{count, plural, one {# record} other {#
 * records}}`), numbers in the locale's digits, and selects, each message compiled once per language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { type Locale, MESSAGES, type MessageKey } from './messages.js';

export type MessageValues = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(MESSAGES[locale][key], locale);
    compiled.set(id, format);
  }
  return String(format.format(values));
}
