/** The shape shared by number and percent: a binary floating-point column and an optional scale. */
import { sameOnBoth } from '../storage/column-type.js';
import {
  BOUNDS_KEYWORDS,
  type FieldTypeDef,
  ORDERED_OPERATORS,
  pickKeywords,
  SCALE_OPTION,
  scaleMultiple,
} from './field-type-def.js';
import type { FieldType } from './field-types.js';
import { decimalFromText } from './from-text.js';

export function numberField(type: FieldType): FieldTypeDef {
  return {
    type,
    jsonType: () => 'number',
    declaredTypes: ['number'],
    keywords: BOUNDS_KEYWORDS,
    options: SCALE_OPTION,
    generated: false,
    uniqueAllowed: true,
    column: () => sameOnBoth('real', 'double precision'),
    valueSchema: (prop) => ({
      type: 'number',
      ...pickKeywords(prop, ['minimum', 'maximum']),
      ...scaleMultiple(prop['x-tessera'].scale),
    }),
    fromText: (cell, _prop, formats) =>
      decimalFromText(type === 'percent' ? cell.replace(/%\s*$/, '') : cell, formats),
    textHint: { en: 'a decimal number such as 12.5', 'zh-CN': '小数，例如 12.5' },
    operators: ORDERED_OPERATORS,
  };
}
