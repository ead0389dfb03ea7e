import { checkFormulaField } from '../formulas/check-formula-field.js';
import type { PropertyDocument } from '../metadata/types.js';
import type { FieldTypeDef, JsonType } from './field-type-def.js';

/** What each formula return type looks like as a JSON value. */
export const FORMULA_RETURNS: Record<string, { jsonType: JsonType; format?: string }> = {
  text: { jsonType: 'string' },
  number: { jsonType: 'number' },
  currency: { jsonType: 'number' },
  percent: { jsonType: 'number' },
  integer: { jsonType: 'integer' },
  boolean: { jsonType: 'boolean' },
  date: { jsonType: 'string', format: 'date' },
  datetime: { jsonType: 'string', format: 'date-time' },
};

const returnsOf = (prop: PropertyDocument) =>
  FORMULA_RETURNS[prop['x-tessera'].returns ?? ''] ?? { jsonType: 'string' };

/**
 * A value computed from other fields when a record is read, never written by clients. Its language (parser,
 * type checker, evaluation) is `packages/formula`; the formula is checked against the object's fields here.
 */
export const formula: FieldTypeDef = {
  type: 'formula',
  jsonType: (prop) => returnsOf(prop).jsonType,
  declaredTypes: ['string', 'number', 'integer', 'boolean'],
  keywords: { format: { enum: ['date', 'date-time'] } },
  options: {
    formula: { type: 'string', minLength: 1, maxLength: 3900 },
    returns: { enum: Object.keys(FORMULA_RETURNS) },
    scale: { type: 'integer', minimum: 0, maximum: 10 },
  },
  requiredOptions: ['formula', 'returns'],
  generated: true,
  uniqueAllowed: false,
  valueSchema: (prop) => {
    const r = returnsOf(prop);
    return { type: r.jsonType, ...(r.format ? { format: r.format } : {}) };
  },
  operators: [],
  check: (prop, ctx) => {
    const r = returnsOf(prop);
    return prop.type === r.jsonType && (prop.format ?? undefined) === r.format
      ? checkFormulaField(prop, ctx)
      : [
          {
            pointer: `${ctx.pointer}/type`,
            code: 'returns_mismatch',
            message: `a formula returning ${prop['x-tessera'].returns} is declared as {"type": "${r.jsonType}"${
              r.format ? `, "format": "${r.format}"` : ''
            }}`,
          },
        ];
  },
};
