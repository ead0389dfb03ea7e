/** Record validation errors as issues: one per failing field, with a stable code a client can branch on. */
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.js';
import { NUL_CHARACTER } from '../fields/storable-text.js';
import { NO_NUL_PATTERN } from '../fields/string-field.js';

/** ajv keyword → the stable code of CONTRACT §4 (`multipleOf` is how a scale is said in JSON Schema). */
const CODES: Record<string, string> = { multipleOf: 'scale', additionalProperties: 'unknown' };

function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'type':
      return `must be ${Array.isArray(p.type) ? p.type.filter((t) => t !== 'null').join(' or ') : p.type}`;
    case 'maxLength':
      return `must be at most ${p.limit} characters`;
    case 'minLength':
      return `must be at least ${p.limit} characters`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).filter((v) => v !== null).join(', ')}`;
    case 'format':
      return `must be a valid ${p.format}`;
    case 'multipleOf': {
      const digits = Math.max(0, -Math.floor(Math.log10(p.multipleOf as number) + 1e-9));
      return digits === 0 ? 'must be a whole number' : `must have at most ${digits} digits after the point`;
    }
    case 'minimum':
    case 'maximum':
      return `must be ${p.comparison} ${p.limit}`;
    case 'pattern':
      return 'is not in the expected form';
    case 'uniqueItems':
      return 'must not repeat a value';
    default:
      return e.message ?? 'is invalid';
  }
}

/** The issue for one field's value; the first failure is the one a person fixes first. */
export function fieldIssue(field: string, errors: readonly ErrorObject[] | null | undefined): Issue {
  const e = errors?.[0];
  if (!e) return { pointer: `/${field}`, code: 'invalid', message: 'is invalid' };
  if (e.keyword === 'pattern' && (e.params as { pattern: string }).pattern === NO_NUL_PATTERN)
    return { pointer: `/${field}${e.instancePath}`, ...NUL_CHARACTER };
  return { pointer: `/${field}${e.instancePath}`, code: CODES[e.keyword] ?? e.keyword, message: message(e) };
}
