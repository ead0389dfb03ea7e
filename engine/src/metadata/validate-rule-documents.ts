/**
 * Validation rules: their shape, then that the object and field they name exist and that the formula is a
 * true/false formula of that object (it may use ISNEW, ISCHANGED and PRIORVALUE).
 */
import { compileFormula, FormulaError } from '@tessera/formula';
import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import { formulaIssue } from '../formulas/check-formula-field.js';
import { formulaEnvironment } from '../formulas/formula-environment.js';
import { createAjv } from '../model/ajv.js';
import { ajvIssues } from './ajv-issues.js';
import { buildValidationRuleMetaSchema } from './rule-meta-schema.js';
import type { DocumentSet, ObjectDocument, ValidationRuleDocument } from './types.js';

let validator: ValidateFunction | undefined;

export function validateRuleDocuments(set: DocumentSet): Issue[] {
  validator ??= createAjv().compile(buildValidationRuleMetaSchema());
  const objects = new Map<string, ObjectDocument>(set.objects.map((o) => [o?.['x-tessera']?.apiName, o]));
  const issues: Issue[] = [];
  const names = new Set<string>();
  (set.validationRules ?? []).forEach((doc, index) => {
    const document =
      typeof doc?.apiName === 'string' ? `validation_rule:${doc.apiName}` : `validation_rule#${index}`;
    if (!(validator as ValidateFunction)(doc)) {
      issues.push(...ajvIssues(validator?.errors, () => undefined).map((i) => ({ document, ...i })));
      return;
    }
    const add = (pointer: string, code: string, message: string) =>
      issues.push({ document, pointer, code, message });
    if (names.has(doc.apiName)) add('/apiName', 'duplicate_name', `"${doc.apiName}" is used twice`);
    names.add(doc.apiName);
    issues.push(...checkRule(doc, objects).map((i) => ({ document, ...i })));
  });
  return issues;
}

function checkRule(rule: ValidationRuleDocument, objects: ReadonlyMap<string, ObjectDocument>): Issue[] {
  const object = objects.get(rule.object);
  if (!object)
    return [{ pointer: '/object', code: 'unknown_object', message: `there is no object "${rule.object}"` }];
  const issues: Issue[] = [];
  if (rule.field !== undefined && !Object.hasOwn(object.properties, rule.field))
    issues.push({
      pointer: '/field',
      code: 'unknown_field',
      message: `"${rule.field}" is not a field of ${rule.object}`,
    });
  try {
    const { type } = compileFormula(rule.formula, formulaEnvironment(object, objects, 'validation'));
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
