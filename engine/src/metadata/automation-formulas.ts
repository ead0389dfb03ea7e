/** Formulas of automations: over the triggering record, and allowed to ask what the write changed. */
import { compileFormula, FormulaError, type FormulaType } from '@tessera/formula';
import type { Issue } from '../errors.js';
import { formulaIssue } from '../formulas/check-formula-field.js';
import { formulaEnvironment } from '../formulas/formula-environment.js';
import type { ObjectDocument } from './types.js';

/** The formula's type, or the issue that it does not compile (at `pointer`, saying where in the formula). */
export function automationFormulaType(
  source: string,
  object: ObjectDocument,
  objects: ReadonlyMap<string, ObjectDocument>,
  pointer: string,
): FormulaType | Issue {
  try {
    return compileFormula(source, formulaEnvironment(object, objects, 'automation')).type;
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    return formulaIssue(pointer, error);
  }
}

/** The issues of a condition: it compiles, and it is true or false. */
export function conditionIssues(
  source: string,
  object: ObjectDocument,
  objects: ReadonlyMap<string, ObjectDocument>,
  pointer: string,
): Issue[] {
  const type = automationFormulaType(source, object, objects, pointer);
  if (typeof type !== 'string') return [type];
  return type === 'boolean' || type === 'null'
    ? []
    : [{ pointer, code: 'formula_type', message: `a condition must be true or false, not ${type}` }];
}
