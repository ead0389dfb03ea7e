import { plainColumn, sqliteBoolean } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';
import { booleanFromText } from './from-text.js';

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
  fromText: booleanFromText,
  textHint: {
    en: 'true or false (also 1/0, yes/no, 是/否)',
    'zh-CN': 'true 或 false（也可以是 1/0、yes/no、是/否）',
  },
  operators: ['eq', 'ne', 'isNull'],
};
