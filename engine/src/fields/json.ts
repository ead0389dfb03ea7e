import { jsonColumns } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';
import { jsonTextProblem } from './storable-text.js';

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
  // PostgreSQL's jsonb cannot hold U+0000 or a lone surrogate in a key or a string: refused on both alike.
  valueProblem: jsonTextProblem,
  fromText: (cell) => {
    try {
      return JSON.parse(cell);
    } catch {
      return undefined;
    }
  },
  textHint: { en: 'a JSON object', 'zh-CN': 'JSON 对象' },
  operators: ['isNull'],
};
