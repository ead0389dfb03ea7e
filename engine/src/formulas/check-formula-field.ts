/**
 * Deploy-time checks of a formula field: the formula compiles against the object's fields (names, types,
 * functions), its type fits the declared `returns`, and it does not depend on itself through other formulas.
 */
import { compileFormula, FormulaError, type FormulaType } from '@tessera/formula';
import type { Issue } from '../errors.js';
import type { FieldCheckContext } from '../fields/field-type-def.js';
import { propertyOf } from '../metadata/property-of.js';
import type { ObjectDocument, PropertyDocument } from '../metadata/types.js';
import { formulaEnvironment } from './formula-environment.js';

const FITS: Record<string, readonly FormulaType[]> = {
  text: ['text', 'picklist'],
  number: ['number'],
  currency: ['number'],
  percent: ['number'],
  integer: ['number'],
  boolean: ['boolean'],
  date: ['date'],
  datetime: ['datetime'],
};

/** A formula error as an issue at the formula option, saying where in the formula. */
export function formulaIssue(pointer: string, error: FormulaError): Issue {
  const { line, column } = error.position;
  return {
    pointer,
    code: `formula_${error.code}`,
    message: `${error.reason} (line ${line}, column ${column} of the formula)`,
  };
}

export function checkFormulaField(prop: PropertyDocument, ctx: FieldCheckContext): Issue[] {
  const pointer = `${ctx.pointer}/x-tessera/formula`;
  const source = prop['x-tessera'].formula ?? '';
  let type: FormulaType;
  try {
    type = compileFormula(source, formulaEnvironment(ctx.object, ctx.objects)).type;
  } catch (error) {
    if (error instanceof FormulaError) return [formulaIssue(pointer, error)];
    throw error;
  }
  const returns = prop['x-tessera'].returns ?? '';
  if (type !== 'null' && !FITS[returns]?.includes(type))
    return [
      {
        pointer,
        code: 'formula_type',
        message: `the formula gives ${type === 'boolean' ? 'true/false' : type}, but the field returns ${returns}`,
      },
    ];
  const cycle = formulaCycle(ctx.object, ctx.objects, ctx.name);
  return cycle
    ? [
        {
          pointer,
          code: 'formula_cycle',
          message: `formulas depend on each other in a circle: ${cycle.join(' → ')}`,
        },
      ]
    : [];
}

/** The object's formula fields a formula reads directly (none if it does not compile: reported on its own). */
function formulaDependencies(
  object: ObjectDocument,
  objects: FieldCheckContext['objects'],
  name: string,
): string[] {
  try {
    const compiled = compileFormula(
      propertyOf(object, name)?.['x-tessera'].formula ?? '',
      formulaEnvironment(object, objects),
    );
    return compiled.fields
      .filter(
        (path) =>
          path.length === 1 && propertyOf(object, path[0] as string)?.['x-tessera'].field === 'formula',
      )
      .map((path) => path[0] as string);
  } catch {
    return [];
  }
}

/** The circle through `start`, if its formula leads back to itself. */
function formulaCycle(
  object: ObjectDocument,
  objects: FieldCheckContext['objects'],
  start: string,
): string[] | undefined {
  const path: string[] = [];
  const seen = new Set<string>();
  const walk = (name: string): string[] | undefined => {
    if (name === start && path.length) return [...path, start];
    if (seen.has(name)) return undefined;
    seen.add(name);
    path.push(name);
    for (const next of formulaDependencies(object, objects, name)) {
      const found = walk(next);
      if (found) return found;
    }
    path.pop();
    return undefined;
  };
  return walk(start);
}
