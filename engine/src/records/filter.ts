/**
 * The filter language of the data API, compiled to a parameterized Kysely expression. Every field, operator and
 * value is checked against the object's definition first, and the size of a filter is bounded, so a filter
 * can neither reach a column the object does not expose nor make the database do unbounded work.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Issue, TesseraError } from '../errors.js';
import type { FilterCaller } from '../fields/field-type-def.js';
import { FILTER_OPERATORS, type FilterOperator } from '../fields/field-types.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { Storage } from '../storage/storage.js';
import { type QueryField, queryFields, valueFits } from './query-fields.js';
import { rowCodec } from './row-codec.js';

export const FILTER_LIMITS = { depth: 8, conditions: 100, listValues: 500, textLength: 1000 } as const;

export type Filter = { [key: string]: unknown };
// biome-ignore lint/suspicious/noExplicitAny: rows of a table known only from metadata.
type Eb = ExpressionBuilder<any, any>;
type Compiled = (eb: Eb) => Expression<SqlBool>;

const OPERATORS = new Set<string>(FILTER_OPERATORS);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `%` and `_` in a user's text are literal, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** No caller: a filter of the platform's own (a roll-up's), where `me` means nobody. */
const NO_CALLER: FilterCaller = { userId: null };

export function compileFilter(
  object: CompiledObject,
  storage: Storage,
  filter: unknown,
  /** Whom operands such as a user field's `me` stand for. */
  caller: FilterCaller = NO_CALLER,
): Compiled {
  const fields = queryFields(object);
  const codec = rowCodec(object, storage.dialect);
  let conditions = 0;
  const fail = (pointer: string, code: string, message: string): never => {
    const issue: Issue = { pointer: `/filter${pointer}`, code, message };
    throw new TesseraError('invalid_query', `invalid filter: ${message}`, [issue]);
  };

  const encode = (f: QueryField, value: unknown) => {
    const column = codec.column(f.name);
    return column ? column.encode(value) : value;
  };

  function condition(f: QueryField, op: FilterOperator, value: unknown, at: string): Compiled {
    if (++conditions > FILTER_LIMITS.conditions)
      fail(at, 'too_many_conditions', `a filter may have at most ${FILTER_LIMITS.conditions} conditions`);
    if (!f.operators.includes(op)) fail(at, 'operator_not_allowed', `"${op}" cannot be used on "${f.name}"`);
    const ref = sql.ref(f.name);
    const checkValue = (given: unknown, p: string) => {
      const v = f.field?.def.filterValue ? f.field.def.filterValue(given, caller) : given;
      if (!valueFits(f, v)) fail(p, 'bad_value', `${JSON.stringify(v)} is not a valid value for "${f.name}"`);
      return encode(f, v);
    };
    switch (op) {
      case 'isNull':
        if (typeof value !== 'boolean') fail(at, 'bad_value', 'isNull takes true or false');
        return (eb) => eb(f.name, value ? 'is' : 'is not', null);
      case 'in':
      case 'nin': {
        if (!Array.isArray(value) || value.length === 0 || value.length > FILTER_LIMITS.listValues)
          fail(at, 'bad_value', `${op} takes a list of 1 to ${FILTER_LIMITS.listValues} values`);
        const list = (value as unknown[]).map((v, i) => checkValue(v, `${at}/${i}`));
        return op === 'in'
          ? () => storage.oneOf(f.name, list)
          : (eb) => eb.or([eb.not(storage.oneOf(f.name, list)), eb(f.name, 'is', null)]);
      }
      case 'contains':
      case 'startsWith': {
        if (typeof value !== 'string' || value.length === 0 || value.length > FILTER_LIMITS.textLength)
          fail(at, 'bad_value', `${op} takes a text of 1 to ${FILTER_LIMITS.textLength} characters`);
        const text = value as string;
        if (f.field?.type === 'multipicklist') {
          checkValue(text, at);
          return () => storage.arrayContains(f.name, text);
        }
        const pattern = op === 'contains' ? `%${likeEscape(text)}%` : `${likeEscape(text)}%`;
        return () => sql<SqlBool>`lower(${ref}) like lower(${pattern}) escape '\\'`;
      }
      case 'ne': {
        const v = checkValue(value, at);
        // "not equal" includes records with no value, as people mean it.
        return (eb) => eb.or([eb(f.name, '<>', v), eb(f.name, 'is', null)]);
      }
      default: {
        const v = checkValue(value, at);
        const cmp = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op] as '=';
        return (eb) => eb(f.name, cmp, v);
      }
    }
  }

  function node(value: unknown, at: string, depth: number): Compiled {
    if (depth > FILTER_LIMITS.depth)
      fail(at, 'too_deep', `a filter may nest at most ${FILTER_LIMITS.depth} levels`);
    if (!isPlainObject(value)) fail(at, 'bad_filter', 'a filter is a JSON object');
    const parts: Compiled[] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const p = `${at}/${key}`;
      if (key === 'and' || key === 'or') {
        if (!Array.isArray(v) || v.length === 0)
          fail(p, 'bad_filter', `"${key}" takes a non-empty list of filters`);
        const children = (v as unknown[]).map((c, i) => node(c, `${p}/${i}`, depth + 1));
        parts.push((eb) =>
          key === 'and' ? eb.and(children.map((c) => c(eb))) : eb.or(children.map((c) => c(eb))),
        );
      } else if (key === 'not') {
        const child = node(v, p, depth + 1);
        parts.push((eb) => eb.not(child(eb)));
      } else {
        const f = fields.get(key);
        if (!f && object.fields.get(key)?.type === 'formula')
          fail(
            p,
            'not_filterable',
            `"${key}" is a formula computed when read (it reads another object, or TODAY or NOW): it cannot be filtered on`,
          );
        if (!f) fail(p, 'unknown_field', `"${key}" is not a field of ${object.apiName}`);
        if (!isPlainObject(v) || Object.keys(v).length === 0)
          fail(p, 'bad_filter', `a condition on "${key}" is an object of operators, e.g. {"eq": …}`);
        for (const [op, operand] of Object.entries(v as Record<string, unknown>)) {
          if (!OPERATORS.has(op)) fail(`${p}/${op}`, 'unknown_operator', `unknown operator "${op}"`);
          parts.push(condition(f as QueryField, op as FilterOperator, operand, `${p}/${op}`));
        }
      }
    }
    if (parts.length === 0) return (eb) => eb.and([]);
    return (eb) => (parts.length === 1 ? (parts[0] as Compiled)(eb) : eb.and(parts.map((c) => c(eb))));
  }

  return node(filter, '', 1);
}
