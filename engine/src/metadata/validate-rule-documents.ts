/**
 * Rules: their shape, then that the object and fields they name exist. A validation rule's formula must be a
 * true/false formula of that object (it may use ISNEW, ISCHANGED and PRIORVALUE); a duplicate rule compares
 * fields that hold comparable values.
 */
import { compileFormula, FormulaError } from '@tessera/formula';
import type { Issue } from '../errors.js';
import { formulaIssue } from '../formulas/check-formula-field.js';
import { formulaEnvironment } from '../formulas/formula-environment.js';
import { checkKind, type SetObjects, unknownObject } from './check-named-kind.js';
import { propertyOf } from './property-of.js';
import type { DocumentSet, DuplicateRuleDocument, ValidationRuleDocument } from './types.js';

/** Fields two records can be compared on: stored, single values. */
const MATCHABLE = new Set([
  'text',
  'email',
  'phone',
  'url',
  'picklist',
  'integer',
  'number',
  'currency',
  'date',
  'lookup',
]);

export function validateRuleDocuments(set: DocumentSet, objects: SetObjects): Issue[] {
  return [
    ...checkKind('validation_rule', set.validationRules ?? [], (d) => checkRule(d, objects)),
    ...checkKind('duplicate_rule', set.duplicateRules ?? [], (d) => checkDuplicateRule(d, objects)),
  ];
}

function checkRule(rule: ValidationRuleDocument, objects: SetObjects): Issue[] {
  const object = objects.valid.get(rule.object);
  if (!object) return unknownObject(objects, rule.object);
  const issues: Issue[] = [];
  if (rule.field !== undefined && !propertyOf(object, rule.field))
    issues.push({
      pointer: '/field',
      code: 'unknown_field',
      message: `"${rule.field}" is not a field of ${rule.object}`,
    });
  try {
    const { type } = compileFormula(rule.formula, formulaEnvironment(object, objects.valid, 'validation'));
    if (type !== 'boolean' && type !== 'null')
      issues.push({
        pointer: '/formula',
        code: 'formula_type',
        message: `a validation rule's formula must be true or false, not ${type}`,
      });
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    issues.push(formulaIssue('/formula', error));
  }
  return issues;
}

function checkDuplicateRule(rule: DuplicateRuleDocument, objects: SetObjects): Issue[] {
  const object = objects.valid.get(rule.object);
  if (!object) return unknownObject(objects, rule.object);
  return rule.fields.flatMap((name, i) => {
    const prop = propertyOf(object, name);
    if (!prop)
      return [
        {
          pointer: `/fields/${i}`,
          code: 'unknown_field',
          message: `"${name}" is not a field of ${rule.object}`,
        },
      ];
    const type = prop['x-tessera'].field;
    return MATCHABLE.has(type)
      ? []
      : [
          {
            pointer: `/fields/${i}`,
            code: 'not_comparable',
            message: `records cannot be matched on a field of type "${type}"`,
          },
        ];
  });
}
