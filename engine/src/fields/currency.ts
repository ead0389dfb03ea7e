import { decimalColumns } from '../storage/column-type.js';
import {
  BOUNDS_KEYWORDS,
  type FieldTypeDef,
  ORDERED_OPERATORS,
  pickKeywords,
  SCALE_OPTION,
  scaleMultiple,
} from './field-type-def.js';
import { decimalFromText } from './from-text.js';

export const DEFAULT_CURRENCY_SCALE = 2;
/**
 * Largest amount kept exactly: amounts are integer units of 10^-scale on SQLite, and JSON numbers carry
 * integers exactly up to 2^53, so scale 2 allows ±90,071,992,547,409.91 and scale 4 ±900,719,925,474.0991.
 */
const maxAmount = (scale: number) => Math.floor(Number.MAX_SAFE_INTEGER / 10 ** scale);

const scaleOf = (prop: { 'x-tessera': { scale?: number } }) =>
  prop['x-tessera'].scale ?? DEFAULT_CURRENCY_SCALE;

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
    minimum: -maxAmount(scaleOf(prop)),
    maximum: maxAmount(scaleOf(prop)),
    ...pickKeywords(prop, ['minimum', 'maximum']),
    ...scaleMultiple(scaleOf(prop)),
  }),
  fromText: (cell, _prop, formats) => decimalFromText(cell, formats),
  textHint: { en: 'a decimal number such as 1234.50', 'zh-CN': '小数，例如 1234.50' },
  operators: ORDERED_OPERATORS,
};
