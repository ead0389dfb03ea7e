import { plainColumn } from '../storage/column-type.js';
import { type FieldTypeDef, ORDERED_OPERATORS } from './field-type-def.js';

/** A wall-clock time of day with no zone; `09:30` is kept as `09:30:00`. */
export const time: FieldTypeDef = {
  type: 'time',
  jsonType: () => 'string',
  declaredTypes: ['string'],
  keywords: { format: { const: 'time' } },
  options: {},
  generated: false,
  uniqueAllowed: false,
  column: () => ({ sqlite: plainColumn('text'), postgres: plainColumn('time') }),
  valueSchema: () => ({ type: 'string', format: 'time' }),
  normalize: (v) => ((v as string).length === 5 ? `${v}:00` : v),
  operators: ORDERED_OPERATORS,
};
