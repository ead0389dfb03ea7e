import { sameOnBoth } from '../storage/column-type.js';
import { type FieldTypeDef, TEXT_OPERATORS } from './field-type-def.js';

/** `AST-{YYYY}-{0000}`: optional date parts and exactly one zero-padded counter. */
export const AUTONUMBER_FORMAT =
  '^[^{}]*(\\{(YYYY|YY|MM|DD)\\}[^{}]*)*\\{0+\\}[^{}]*(\\{(YYYY|YY|MM|DD)\\}[^{}]*)*$';

/** A number the platform gives each new record, unique in its object, shaped by `format`. */
export const autonumber: FieldTypeDef = {
  type: 'autonumber',
  jsonType: () => 'string',
  declaredTypes: ['string'],
  keywords: {},
  options: { format: { type: 'string', pattern: AUTONUMBER_FORMAT, maxLength: 64 } },
  requiredOptions: ['format'],
  generated: true,
  uniqueAllowed: true,
  searchable: true,
  column: () => sameOnBoth('text'),
  valueSchema: () => ({ type: 'string' }),
  operators: TEXT_OPERATORS,
};
