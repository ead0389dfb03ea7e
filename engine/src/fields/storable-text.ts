/**
 * Text both databases store exactly as given. PostgreSQL refuses U+0000 in text and jsonb; a lone UTF-16
 * surrogate (half of a character, `"\ud800"` in JSON) is not UTF-8 at all: PostgreSQL refuses it in jsonb and
 * the drivers of both replace it with U+FFFD in text. Refusing both on both dialects keeps them alike and
 * never stores a value other than the one written.
 */
import { recordMessage } from '../model/record-messages.js';
import type { ValueProblem } from './field-type-def.js';

const NUL_CHARACTER: ValueProblem = {
  code: 'nul_character',
  message: (locale) => recordMessage(locale, 'nulCharacter'),
};

const LONE_SURROGATE: ValueProblem = {
  code: 'lone_surrogate',
  message: (locale) => recordMessage(locale, 'loneSurrogate'),
};

/** A paired surrogate is one code point here; only a lone one matches. */
const LONE = /\p{Surrogate}/u;

/** The problem of one string, if it has one. */
export function stringProblem(text: string): ValueProblem | undefined {
  if (text.includes('\u0000')) return NUL_CHARACTER;
  return LONE.test(text) ? LONE_SURROGATE : undefined;
}

/** The first problem of any string in a JSON value, keys included. */
export function jsonTextProblem(value: unknown): ValueProblem | undefined {
  if (typeof value === 'string') return stringProblem(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonTextProblem(item);
      if (problem) return problem;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = stringProblem(key) ?? jsonTextProblem(item);
      if (problem) return problem;
    }
  }
  return undefined;
}
