/** Turns ajv's errors into issues a person understands, keeping ajv's JSON pointer. */
import { regexProblem } from '@tessera/formula/regex';
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.js';
import { FIELD_TYPES } from '../fields/field-types.js';
import { escapePointer } from './json-pointer.js';
import { LOCALIZED_TEXT } from './localized-text.js';
import { API_NAME_PATTERN } from './names.js';

const FIELD_OPTIONS_PATH = /^\/properties\/([^/]+)\/x-tessera$/;
const FIELD_PATH = /^\/properties\/([^/]+)$/;
const PATTERN_PATH = /^\/properties\/([^/]+)\/pattern$/;

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** What the document holds at a JSON pointer, for messages that quote or examine the value. */
export type ValueAt = (pointer: string) => unknown;

function describe(
  e: ErrorObject,
  fieldTypeAt: (pointer: string) => string | undefined,
  valueAt: ValueAt,
): Pick<Issue, 'code' | 'message'> {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'format':
      if (p.format === 'regex') {
        const field = PATTERN_PATH.exec(e.instancePath)?.[1];
        return {
          code: 'unsupported_pattern',
          message: `${field ? `field "${field}": ` : ''}the pattern cannot be used: ${regexProblem(String(valueAt(e.instancePath)))}`,
        };
      }
      return { code: 'format', message: e.message ?? 'is invalid' };
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const type = fieldTypeAt(e.instancePath);
      if (type && FIELD_OPTIONS_PATH.test(e.instancePath))
        return {
          code: 'option_not_allowed',
          message: `option "${extra}" is not allowed for ${article(type)} ${type} field`,
        };
      if (type && FIELD_PATH.test(e.instancePath))
        return {
          code: 'keyword_not_allowed',
          message: `keyword "${extra}" is not allowed for ${article(type)} ${type} field`,
        };
      return { code: 'unknown_property', message: `"${extra}" is not allowed here` };
    }
    case 'required':
      return { code: 'required', message: `"${p.missingProperty}" is required` };
    case 'enum':
      if (e.instancePath.endsWith('/x-tessera/field'))
        return {
          code: 'unknown_field_type',
          message: `unknown field type; use one of: ${FIELD_TYPES.join(', ')}`,
        };
      return {
        code: 'enum',
        message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { code: 'const', message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      if (p.pattern === LOCALIZED_TEXT.propertyNames.pattern)
        return { code: 'bad_language_tag', message: 'a language tag looks like "en" or "zh-CN" (BCP 47)' };
      if (p.pattern === API_NAME_PATTERN)
        return {
          code: 'bad_api_name',
          message:
            'an API name starts with a lower-case letter and has at most 63 lower-case letters, digits or underscores',
        };
      return { code: 'pattern', message: `must match the pattern ${p.pattern}` };
    case 'type':
      return { code: 'type', message: `must be of type ${p.type}` };
    case 'maximum':
    case 'minimum':
      return { code: e.keyword, message: `must be ${p.comparison} ${p.limit}` };
    case 'minProperties':
      return { code: 'empty', message: 'must not be empty' };
    default:
      return { code: e.keyword, message: e.message ?? 'is invalid' };
  }
}

export function ajvIssues(
  errors: readonly ErrorObject[] | null | undefined,
  fieldTypeAt: (pointer: string) => string | undefined,
  valueAt: ValueAt = () => undefined,
): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // "must match then schema" only repeats the errors of the branch itself.
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    // Point at the property that is missing or not allowed, not at the object that holds it.
    const child =
      e.keyword === 'required'
        ? (e.params as { missingProperty: string }).missingProperty
        : e.keyword === 'additionalProperties'
          ? (e.params as { additionalProperty: string }).additionalProperty
          : e.propertyName;
    const pointer = child === undefined ? e.instancePath : `${e.instancePath}/${escapePointer(child)}`;
    const issue = { pointer, ...describe(e, fieldTypeAt, valueAt) };
    const key = `${issue.pointer} ${issue.code} ${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
