import { instantColumns } from '../storage/column-type.js';
import { type FieldTypeDef, ORDERED_OPERATORS } from './field-type-def.js';
import { dateTimeFromText } from './from-text.js';

/** An instant. Accepted with any offset, stored and returned in UTC (`2026-03-31T08:00:00.000Z`). */
export const datetime: FieldTypeDef = {
  type: 'datetime',
  jsonType: () => 'string',
  declaredTypes: ['string'],
  keywords: { format: { const: 'date-time' } },
  options: {},
  generated: false,
  uniqueAllowed: true,
  column: () => instantColumns,
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  normalize: (v) => {
    const d = new Date(v as string);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  },
  fromText: (cell, _prop, formats) => dateTimeFromText(cell, formats),
  textHint: {
    en: 'a date and time such as 2024-03-05T14:30:00Z',
    'zh-CN': '日期和时间，例如 2024-03-05T14:30:00Z',
  },
  operators: ORDERED_OPERATORS,
  viewRole: 'instant',
};
