import { formulaReferences } from '@tessera/formula';
import type { Issue } from '../errors.js';
import { storedFormulas } from '../formulas/stored-formulas.js';
import { propertyOf } from '../metadata/property-of.js';
import type { ObjectDocument, PropertyDocument } from '../metadata/types.js';
import { decimalColumns } from '../storage/column-type.js';
import { type FieldCheckContext, type FieldTypeDef, ORDERED_OPERATORS } from './field-type-def.js';

/** A roll-up's value is a number (an exact decimal column), so it summarizes numeric fields (and numeric stored formulas) only. */
const SUMMABLE = new Set(['integer', 'number', 'currency', 'percent']);

const scaleOf = (prop: PropertyDocument) =>
  prop['x-tessera'].scale ?? (prop['x-tessera'].function === 'count' ? 0 : 2);

function checkRollup(prop: PropertyDocument, ctx: FieldCheckContext): Issue[] {
  const o = prop['x-tessera'];
  const at = (key: string, code: string, message: string): Issue[] => [
    { pointer: `${ctx.pointer}/x-tessera/${key}`, code, message },
  ];
  const child = ctx.objects.get(o.summarizedObject ?? '');
  if (!child)
    return at('summarizedObject', 'unknown_target', `object "${o.summarizedObject}" does not exist`);
  const parentApiName = ctx.object['x-tessera'].apiName;
  const linked = Object.values(child.properties).some(
    (p) => p['x-tessera']?.field === 'master_detail' && p['x-tessera'].target === parentApiName,
  );
  if (!linked)
    return at(
      'summarizedObject',
      'not_a_detail',
      `"${o.summarizedObject}" has no master-detail field pointing to "${parentApiName}"`,
    );
  if (o.function === 'count')
    return o.summarizedField
      ? at('summarizedField', 'option_not_allowed', 'count takes no summarizedField')
      : [];
  const fieldName = o.summarizedField ?? '';
  const field = propertyOf(child, fieldName);
  if (!field)
    return at(
      'summarizedField',
      'unknown_field',
      `"${o.summarizedObject}" has no field "${o.summarizedField}"`,
    );
  const fieldType = field['x-tessera']?.field ?? '';
  if (fieldType === 'formula') return checkSummarizedFormula(child, fieldName, field, o.function ?? '', at);
  return SUMMABLE.has(fieldType)
    ? []
    : at(
        'summarizedField',
        'bad_rollup_field',
        `${o.function} cannot summarize a field of type "${fieldType}"`,
      );
}

/**
 * A formula can be summarized when its value sits in a column kept current on every write of its record (a
 * stored formula), is a number, and reads no roll-up: a roll-up's recount does not set off another one.
 */
function checkSummarizedFormula(
  child: ObjectDocument,
  name: string,
  field: PropertyDocument,
  fn: string,
  at: (key: string, code: string, message: string) => Issue[],
): Issue[] {
  if (!SUMMABLE.has(field['x-tessera'].returns ?? ''))
    return at(
      'summarizedField',
      'bad_rollup_field',
      `${fn} cannot summarize a formula returning ${field['x-tessera'].returns}`,
    );
  if (!storedFormulas(child).has(name))
    return at(
      'summarizedField',
      'bad_rollup_field',
      `${fn} cannot summarize "${name}": it is computed when read (it follows a lookup or reads TODAY/NOW), not stored`,
    );
  if (readsRollup(child, name, new Set()))
    return at('summarizedField', 'bad_rollup_field', `${fn} cannot summarize "${name}": it reads a roll-up`);
  return [];
}

function readsRollup(object: ObjectDocument, name: string, seen: Set<string>): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  const prop = propertyOf(object, name);
  const o = prop?.['x-tessera'];
  if (o?.field === 'rollup') return true;
  if (o?.field !== 'formula') return false;
  let refs: ReturnType<typeof formulaReferences>;
  try {
    refs = formulaReferences(o.formula ?? '');
  } catch {
    return false; // does not parse: the formula's own check says why
  }
  return refs.fields.some((path) => readsRollup(object, path[0] as string, seen));
}

/** A summary (count, sum, min, max) of a master-detail child's records, kept current by the platform. */
export const rollup: FieldTypeDef = {
  type: 'rollup',
  jsonType: () => 'number',
  declaredTypes: ['number', 'integer'],
  keywords: {},
  options: {
    summarizedObject: { type: 'string' },
    summarizedField: { type: 'string' },
    function: { enum: ['count', 'sum', 'min', 'max'] },
    filter: { type: 'object' },
    scale: { type: 'integer', minimum: 0, maximum: 10 },
  },
  requiredOptions: ['summarizedObject', 'function'],
  generated: true,
  uniqueAllowed: false,
  column: (prop) => decimalColumns(scaleOf(prop)),
  valueSchema: () => ({ type: 'number' }),
  operators: ORDERED_OPERATORS,
  check: checkRollup,
};
