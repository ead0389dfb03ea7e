import { decimalColumns } from '../storage/column-type.js';
import {
  BOUNDS_KEYWORDS,
  type FieldTypeDef,
  ORDERED_OPERATORS,
  pickKeywords,
  SCALE_OPTION,
  scaleMultiple,
} from './field-type-def.js';

export const DEFAULT_CURRENCY_SCALE = 2;
/** Largest amount kept exactly: SQLite stores integer units of 10^-scale in 64 bits, JSON carries 2^53. */
const MAX_AMOUNT = 1e13;

const scaleOf = (prop: { 'x-tessera': { scale?: number } }) => prop['x-tessera'].scale ?? DEFAULT_CURRENCY_SCALE;

/** Money: an exact decimal on both dialects, so sums and roll-ups never drift. */
export const currency: FieldTypeDef = {
  type: 'currency',
  jsonType: () => 'number',
  declaredTypes: ['number'],
  keywords: BOUNDS_KEYWORDS,
  options: SCALE_OPTION,
  generated: false,
  uniqueAllowed: false,
  column: (prop) => decimalColumns(scaleOf(prop)),
  valueSchema: (prop) => ({
    type: 'number',
    minimum: -MAX_AMOUNT,
    maximum: MAX_AMOUNT,
    ...pickKeywords(prop, ['minimum', 'maximum']),
    ...scaleMultiple(scaleOf(prop)),
  }),
  operators: ORDERED_OPERATORS,
};
