import { jsonColumns } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';

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
  operators: ['isNull'],
};
