import { plainColumn, sqliteBoolean } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';

/** True or false (a checkbox). */
export const boolean: FieldTypeDef = {
  type: 'boolean',
  jsonType: () => 'boolean',
  declaredTypes: ['boolean'],
  keywords: {},
  options: {},
  generated: false,
  uniqueAllowed: false,
  column: () => ({ sqlite: sqliteBoolean, postgres: plainColumn('boolean') }),
  valueSchema: () => ({ type: 'boolean' }),
  operators: ['eq', 'ne', 'isNull'],
};
