/**
 * Default formulas: a field's value on create, when none is sent, computed from the record's other values
 * (`TODAY() + 30`, `UPPER(LEFT(name, 3))`). They read only the record's own fields: a default is known before
 * anything else is looked up.
 */
import {
  type CompiledFormula,
  compileFormula,
  FormulaError,
  FormulaLimitError,
  type FormulaType,
} from '@tessera/formula';
import { type Issue, NO_ISSUES } from '../errors.js';
import type { ObjectDocument, PropertyDocument } from '../metadata/types.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { recordMessage } from '../model/record-messages.js';
import { getOrCreate } from '../util/get-or-create.js';
import { ownValue } from '../util/own-value.js';
import { formulaIssue } from './check-formula-field.js';
import { compileSaved } from './compile-saved.js';
import type { FormulaClock } from './formula-clock.js';
import { formulaEnvironment, formulaTypeOf } from './formula-environment.js';
import { formulaLimitIssue } from './formula-limit.js';

const compiled = new WeakMap<CompiledObject, [string, CompiledFormula][]>();

const ownFields = (object: ObjectDocument) => {
  const env = formulaEnvironment(object, new Map(), 'default');
  return {
    purpose: 'default' as const,
    field: (path: readonly string[]) => (path.length === 1 ? env.field(path) : undefined),
  };
};

/** Deploy-time check of one field's default formula. */
export function checkDefaultFormula(
  name: string,
  prop: PropertyDocument,
  object: ObjectDocument,
  pointer: string,
): Issue[] {
  const source = prop['x-tessera'].defaultFormula;
  if (source === undefined) return [];
  const at = `${pointer}/x-tessera/defaultFormula`;
  if (prop.default !== undefined)
    return [
      {
        pointer: at,
        code: 'default_conflict',
        message: `"${name}" has both a default and a default formula`,
      },
    ];
  try {
    const { type } = compileFormula(source, ownFields(object));
    const expected = formulaTypeOf(prop);
    const fits = (t: FormulaType) =>
      t === 'null' || t === expected || (t === 'text' && expected === 'picklist');
    return fits(type)
      ? []
      : [
          {
            pointer: at,
            code: 'formula_type',
            message: `the default formula gives ${type}, but "${name}" holds ${expected ?? 'other values'}`,
          },
        ];
  } catch (error) {
    if (error instanceof FormulaError) return [formulaIssue(at, error)];
    throw error;
  }
}

/** Fills the defaults of fields left out of a create, checking each value as if it had been sent. */
export function applyDefaultFormulas(
  object: CompiledObject,
  values: Record<string, unknown>,
  clock: FormulaClock,
  locale = 'en',
): Issue[] {
  const formulas = getOrCreate(compiled, object, () =>
    [...object.fields.values()]
      .filter((f) => f.prop['x-tessera'].defaultFormula !== undefined)
      .map(
        (f) =>
          [
            f.name,
            compileSaved(f.prop['x-tessera'].defaultFormula as string, ownFields(object.document)),
          ] as [string, CompiledFormula],
      ),
  );
  if (!formulas.length) return NO_ISSUES;
  const issues: Issue[] = [];
  const ctx = { value: (path: readonly string[]) => ownValue(values, path[0] as string) ?? null, ...clock };
  for (const [name, formula] of formulas) {
    if (ownValue(values, name) !== undefined) continue;
    let value: unknown;
    try {
      value = formula.evaluate(ctx);
    } catch (error) {
      if (error instanceof FormulaLimitError) {
        issues.push(formulaLimitIssue(`/${name}`, `the default formula of "${name}"`, error));
        continue;
      }
      if (!(error instanceof RangeError)) throw error;
      value = null;
    }
    const issue = object.checkValue(name, value, locale);
    if (issue)
      issues.push({ ...issue, message: recordMessage(locale, 'defaultFormula', { problem: issue.message }) });
    else values[name] = value;
  }
  return issues;
}
