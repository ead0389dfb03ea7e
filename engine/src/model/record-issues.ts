/** Record validation errors as issues: one per failing field, with a stable code a client can branch on. */
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.js';
import { NO_NUL_PATTERN } from '../fields/string-field.js';
import { recordMessage } from './record-messages.js';

/** ajv keyword → the stable issue code (`multipleOf` is how a scale is said in JSON Schema). */
const CODES: Record<string, string> = { multipleOf: 'scale', additionalProperties: 'unknown' };

function message(e: ErrorObject, locale: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return recordMessage(locale, 'required');
    case 'type': {
      const types = Array.isArray(p.type) ? p.type.filter((t) => t !== 'null') : [String(p.type)];
      return recordMessage(locale, 'type', { types });
    }
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
      return recordMessage(locale, e.keyword, { limit: p.limit as number });
    case 'enum':
      return recordMessage(locale, 'enum', { values: p.allowedValues as unknown[] });
    case 'format':
      return recordMessage(locale, 'format', { format: String(p.format) });
    case 'multipleOf': {
      const digits = Math.max(0, -Math.floor(Math.log10(p.multipleOf as number) + 1e-9));
      return digits === 0
        ? recordMessage(locale, 'wholeNumber')
        : recordMessage(locale, 'decimals', { digits });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return recordMessage(locale, 'comparison', {
        comparison: String(p.comparison),
        limit: p.limit as number,
      });
    case 'pattern':
      return recordMessage(locale, 'pattern');
    case 'uniqueItems':
      return recordMessage(locale, 'uniqueItems');
    case 'additionalProperties':
      return recordMessage(locale, 'unknownKey', { key: String(p.additionalProperty) });
    default:
      return recordMessage(locale, 'invalid');
  }
}

/** The issue for one field's value; the first failure is the one a person fixes first. */
export function fieldIssue(
  field: string,
  errors: readonly ErrorObject[] | null | undefined,
  locale: string,
): Issue {
  const e = errors?.[0];
  if (!e) return { pointer: `/${field}`, code: 'invalid', message: recordMessage(locale, 'invalid') };
  if (e.keyword === 'pattern' && (e.params as { pattern: string }).pattern === NO_NUL_PATTERN)
    return {
      pointer: `/${field}${e.instancePath}`,
      code: 'nul_character',
      message: recordMessage(locale, 'nulCharacter'),
    };
  return {
    pointer: `/${field}${e.instancePath}`,
    code: CODES[e.keyword] ?? e.keyword,
    message: message(e, locale),
  };
}
