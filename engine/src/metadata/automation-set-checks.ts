/**
 * The values an automation sets on a record (the triggering one, a parent through a lookup, or a new record of
 * another object): each names a field of that object a client could write, or `owner_id` (the owner, which only
 * automations and transfers change); a literal is a valid value of the field; a formula over the triggering
 * record compiles and gives a value of the field's type.
 */
import type { FormulaType } from '@tessera/formula';
import type { Issue } from '../errors.js';
import { fieldTypeDef } from '../fields/registry.js';
import { formulaTypeOf } from '../formulas/formula-environment.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import { validatorFor } from '../model/validator-cache.js';
import { automationFormulaType } from './automation-formulas.js';
import { propertyOf } from './property-of.js';
import type { AutomationSet, JsonSchema, ObjectDocument, PropertyDocument } from './types.js';

/** The owner: a user's id, set by a formula (`account.owner_id`) or, rarely, literally. */
const OWNER = 'owner_id';
const OWNER_SCHEMA: JsonSchema = { type: 'string', format: 'uuid' };

export interface SetTargets {
  /** The triggering record's object: what formulas read. */
  source: ObjectDocument;
  /** The object whose fields are set. */
  target: ObjectDocument;
  objects: ReadonlyMap<string, ObjectDocument>;
}

export function setIssues(
  set: readonly AutomationSet[],
  at: string,
  { source, target, objects }: SetTargets,
) {
  const issues: Issue[] = [];
  const add = (pointer: string, code: string, message: string) => issues.push({ pointer, code, message });
  const targetName = target['x-tessera'].apiName;
  const seen = new Set<string>();
  set.forEach((item, j) => {
    const here = `${at}/${j}`;
    const hasValue = Object.hasOwn(item, 'value');
    const hasFormula = Object.hasOwn(item, 'formula');
    if (hasValue === hasFormula)
      add(here, 'value_or_formula', `set "${item.field}" from a literal "value" or a "formula": exactly one`);
    if (seen.has(item.field)) add(`${here}/field`, 'duplicate_field', `"${item.field}" is set twice`);
    seen.add(item.field);
    const prop = propertyOf(target, item.field);
    if (!prop && item.field !== OWNER) {
      if (Object.hasOwn(SYSTEM_FIELDS, item.field))
        add(`${here}/field`, 'not_writable', `"${item.field}" is kept by the platform and cannot be set`);
      else add(`${here}/field`, 'unknown_field', `"${item.field}" is not a field of ${targetName}`);
      return;
    }
    if (prop && (prop.readOnly === true || fieldTypeDef(prop['x-tessera'].field).generated)) {
      add(`${here}/field`, 'not_writable', `"${item.field}" of ${targetName} is read-only`);
      return;
    }
    if (hasValue && !hasFormula) {
      const problem = literalProblem('value' in item ? item.value : null, item.field, prop, target);
      if (problem) add(`${here}/value`, problem.code, problem.message);
    }
    if (hasFormula && !hasValue && 'formula' in item) {
      const type = automationFormulaType(item.formula, source, objects, `${here}/formula`);
      if (typeof type !== 'string') issues.push(type);
      else {
        const wants = prop ? formulaTypeOf(prop) : 'text';
        if (wants === undefined)
          add(
            `${here}/formula`,
            'formula_not_settable',
            `a formula cannot give a value of a ${prop?.['x-tessera'].field} field: set a literal value`,
          );
        else if (!fits(type, wants))
          add(
            `${here}/formula`,
            'formula_type',
            `the formula gives ${type === 'boolean' ? 'true/false' : type}, but "${item.field}" holds ${wants}`,
          );
      }
    }
  });
  return issues;
}

/** A formula's value fits a field holding `wants`: the same type, text for a picklist (its value), or NULL. */
const fits = (type: FormulaType, wants: FormulaType) =>
  type === 'null' ||
  type === wants ||
  ((type === 'text' || type === 'picklist') && (wants === 'text' || wants === 'picklist'));

function literalProblem(
  value: unknown,
  field: string,
  prop: PropertyDocument | undefined,
  target: ObjectDocument,
): { code: string; message: string } | undefined {
  if (value === null)
    return (target.required ?? []).includes(field)
      ? { code: 'value_required', message: `"${field}" is required: it cannot be set to null` }
      : undefined;
  const def = prop ? fieldTypeDef(prop['x-tessera'].field) : undefined;
  const schema = prop && def ? def.valueSchema(prop) : OWNER_SCHEMA;
  const valid = validatorFor(schema)(value) && def?.valueProblem?.(value) === undefined;
  return valid
    ? undefined
    : { code: 'bad_value', message: `${JSON.stringify(value)} is not a valid value of "${field}"` };
}
