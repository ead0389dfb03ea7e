import { recordMessage } from '../model/record-messages.js';
import { jsonColumns } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

/** Free-form JSON object, for integration payloads and settings. */
export const json: FieldTypeDef = {
  type: 'json',
  jsonType: () => 'object',
  declaredTypes: ['object'],
  keywords: {},
  options: {},
  generated: false,
  uniqueAllowed: false,
  column: () => jsonColumns,
  valueSchema: () => ({ type: 'object' }),
  // PostgreSQL's jsonb cannot hold U+0000 in a key or a string: refused on both dialects alike.
  valueProblem: (value) =>
    hasNul(value)
      ? { code: 'nul_character', message: (locale) => recordMessage(locale, 'nulCharacter') }
      : undefined,
  operators: ['isNull'],
};
