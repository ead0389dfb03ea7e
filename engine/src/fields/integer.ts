import { sameOnBoth } from '../storage/column-type.js';
import { BOUNDS_KEYWORDS, type FieldTypeDef, ORDERED_OPERATORS, pickKeywords } from './field-type-def.js';
import { integerFromText } from './from-text.js';

/** Whole numbers, within the range JSON numbers carry exactly (±2^53−1). */
export const integer: FieldTypeDef = {
  type: 'integer',
  jsonType: () => 'integer',
  declaredTypes: ['integer'],
  keywords: BOUNDS_KEYWORDS,
  options: {},
  generated: false,
  uniqueAllowed: true,
  column: () => sameOnBoth('integer', 'bigint'),
  valueSchema: (prop) => ({
    type: 'integer',
    minimum: Number.MIN_SAFE_INTEGER,
    maximum: Number.MAX_SAFE_INTEGER,
    ...pickKeywords(prop, ['minimum', 'maximum']),
  }),
  fromText: (cell, _prop, formats) => integerFromText(cell, formats),
  textHint: { en: 'a whole number such as 1234', 'zh-CN': '整数，例如 1234' },
  operators: ORDERED_OPERATORS,
};
