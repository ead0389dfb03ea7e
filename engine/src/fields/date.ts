import { plainColumn } from '../storage/column-type.js';
import { type FieldTypeDef, ORDERED_OPERATORS } from './field-type-def.js';
import { dateFromText } from './from-text.js';

/**
 * A calendar date with no time and no zone (`2026-03-31`). It is never converted through an instant, so it
 * reads the same in every time zone.
 */
export const date: FieldTypeDef = {
  type: 'date',
  jsonType: () => 'string',
  declaredTypes: ['string'],
  keywords: { format: { const: 'date' } },
  options: {},
  generated: false,
  uniqueAllowed: true,
  column: () => ({ sqlite: plainColumn('text'), postgres: plainColumn('date') }),
  valueSchema: () => ({ type: 'string', format: 'date' }),
  fromText: (cell, _prop, formats) => dateFromText(cell, formats),
  textHint: { en: 'a date such as 2024-03-05', 'zh-CN': '日期，例如 2024-03-05' },
  operators: ORDERED_OPERATORS,
  viewRole: 'day',
};
