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

type Problem = { code: string; message: string };

export function setIssues(set: readonly AutomationSet[], at: string, targets: SetTargets): Issue[] {
  const seen = new Set<string>();
  return set.flatMap((item, j) => {
    const here = `${at}/${j}`;
    const issues: Issue[] = [];
    const hasValue = Object.hasOwn(item, 'value');
    const hasFormula = Object.hasOwn(item, 'formula');
    if (hasValue === hasFormula)
      issues.push({
        pointer: here,
        code: 'value_or_formula',
        message: `set "${item.field}" from a literal "value" or a "formula": exactly one`,
      });
    if (seen.has(item.field))
      issues.push({
        pointer: `${here}/field`,
        code: 'duplicate_field',
        message: `"${item.field}" is set twice`,
      });
    seen.add(item.field);
    const field = writableField(item.field, targets.target);
    if ('code' in field) return [...issues, { pointer: `${here}/field`, ...field }];
    if (hasValue && !hasFormula && 'value' in item) {
      const problem = literalProblem(item.value, item.field, field.prop, targets.target);
      if (problem) issues.push({ pointer: `${here}/value`, ...problem });
    }
    if (hasFormula && !hasValue && 'formula' in item)
      issues.push(...formulaIssues(item.formula, item.field, field.prop, `${here}/formula`, targets));
    return issues;
  });
}

/** The field's definition (none for `owner_id`), or why it cannot be set. */
function writableField(name: string, target: ObjectDocument): { prop?: PropertyDocument } | Problem {
  const targetName = target['x-tessera'].apiName;
  const prop = propertyOf(target, name);
  if (prop)
    return prop.readOnly === true || fieldTypeDef(prop['x-tessera'].field).generated
      ? { code: 'not_writable', message: `"${name}" of ${targetName} is read-only` }
      : { prop };
  if (name === OWNER) return {};
  return Object.hasOwn(SYSTEM_FIELDS, name)
    ? { code: 'not_writable', message: `"${name}" is kept by the platform and cannot be set` }
    : { code: 'unknown_field', message: `"${name}" is not a field of ${targetName}` };
}

function literalProblem(
  value: unknown,
  field: string,
  prop: PropertyDocument | undefined,
  target: ObjectDocument,
): Problem | undefined {
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

function formulaIssues(
  source: string,
  field: string,
  prop: PropertyDocument | undefined,
  pointer: string,
  targets: SetTargets,
): Issue[] {
  const type = automationFormulaType(source, targets.source, targets.objects, pointer);
  if (typeof type !== 'string') return [type];
  // The owner is a user's id: text, as formulas read it.
  const wants = prop ? formulaTypeOf(prop) : 'text';
  if (wants === undefined)
    return [
      {
        pointer,
        code: 'formula_not_settable',
        message: `a formula cannot give a value of a ${prop?.['x-tessera'].field} field: set a literal value`,
      },
    ];
  return fits(type, wants)
    ? []
    : [
        {
          pointer,
          code: 'formula_type',
          message: `the formula gives ${type === 'boolean' ? 'true/false' : type}, but "${field}" holds ${wants}`,
        },
      ];
}

/** A formula's value fits a field holding `wants`: the same type, text for a picklist (its value), or NULL. */
const fits = (type: FormulaType, wants: FormulaType) =>
  type === 'null' ||
  type === wants ||
  ((type === 'text' || type === 'picklist') && (wants === 'text' || wants === 'picklist'));
