import { checkFormulaField } from '../formulas/check-formula-field.js';
import { storedFormulas } from '../formulas/stored-formulas.js';
import type { PropertyDocument } from '../metadata/types.js';
import { boolean } from './boolean.js';
import { currency } from './currency.js';
import { date } from './date.js';
import { datetime } from './datetime.js';
import type { FieldTypeDef, JsonType } from './field-type-def.js';
import { integer } from './integer.js';
import { number } from './number.js';
import { percent } from './percent.js';
import { text } from './text.js';

/**
 * What each formula return type looks like as a JSON value, and the field type a stored value is kept like
 * (its column, and the filter operators that make sense on it).
 */
interface FormulaReturn {
  jsonType: JsonType;
  format?: string;
  like: FieldTypeDef;
}

const TEXT_RETURN: FormulaReturn = { jsonType: 'string', like: text };

const FORMULA_RETURNS: Record<string, FormulaReturn> = {
  text: TEXT_RETURN,
  number: { jsonType: 'number', like: number },
  currency: { jsonType: 'number', like: currency },
  percent: { jsonType: 'number', like: percent },
  integer: { jsonType: 'integer', like: integer },
  boolean: { jsonType: 'boolean', like: boolean },
  date: { jsonType: 'string', format: 'date', like: date },
  datetime: { jsonType: 'string', format: 'date-time', like: datetime },
};

const returnsOf = (prop: PropertyDocument) => FORMULA_RETURNS[prop['x-tessera'].returns ?? ''] ?? TEXT_RETURN;

/**
 * A value computed from other fields, never written by clients: stored when it depends on its own record alone
 * (see stored-formulas.ts), otherwise computed when read. Its language (parser, type checker, evaluation) is
 * `packages/formula`; the formula is checked against the object's fields here.
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
  column: (prop, at) =>
    storedFormulas(at.object).has(at.name) ? returnsOf(prop).like.column?.(prop, at) : undefined,
  valueSchema: (prop) => {
    const r = returnsOf(prop);
    return { type: r.jsonType, ...(r.format ? { format: r.format } : {}) };
  },
  operators: [],
  operatorsFor: (prop) => returnsOf(prop).like.operators,
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
