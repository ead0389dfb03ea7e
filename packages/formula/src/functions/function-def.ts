/** The shape of a function of the language: how many arguments, what types they take, what it computes. */
import type { Compiled, Run } from '../compiled.js';
import { FormulaError, type Position } from '../errors.js';
import { type FormulaType, TYPE_NAMES } from '../types.js';

export interface CheckHelpers {
  /** The argument's type, once it is one of `allowed` (NULL fits any); otherwise a type error at the argument. */
  expect(index: number, ...allowed: FormulaType[]): FormulaType;
  /** Every argument's type must be one of `allowed`. */
  expectAll(...allowed: FormulaType[]): void;
  /** A type error (or another `code`) at an argument, or at the call itself for index -1. */
  fail(index: number, message: string, code?: 'type' | 'limit'): never;
  /** Where the formula runs: ISNEW, ISCHANGED and PRIORVALUE only where a write is judged (`judgesWrite`). */
  purpose: FormulaPurpose;
}

/**
 * Where a formula runs. Validation rules and automation conditions judge a write, so they also see the record as
 * it was before it (ISNEW, ISCHANGED, PRIORVALUE); fields and defaults only see the record itself.
 */
export type FormulaPurpose = 'field' | 'validation' | 'default' | 'automation';

/** The purposes whose formulas are judged against a write, and so may ask what it changes. */
const JUDGES_WRITE: ReadonlySet<FormulaPurpose> = new Set(['validation', 'automation']);

export const judgesWrite = (purpose: FormulaPurpose): boolean => JUDGES_WRITE.has(purpose);

export interface FunctionDef {
  min: number;
  max: number;
  /** The result type from the arguments' types; refuses wrong ones through the helpers. */
  type(args: readonly Compiled[], h: CheckHelpers): FormulaType;
  /** The closure computing the call from its arguments' closures. */
  make(args: readonly Compiled[], type: FormulaType): Run;
  /** For number results that are exactly a double (a length, a count): the call's `Compiled.double`. */
  double?(args: readonly Compiled[]): NonNullable<Compiled['double']>;
}

export function checkHelpers(
  name: string,
  args: readonly Compiled[],
  purpose: FormulaPurpose,
  positionOf: (offset: number) => Position,
  callOffset: number,
): CheckHelpers {
  const fail = (index: number, message: string, code: 'type' | 'limit' = 'type'): never => {
    const node = args[index]?.node;
    throw new FormulaError(code, message, positionOf(node ? node.offset : callOffset));
  };
  const helpers: CheckHelpers = {
    purpose,
    fail,
    expectAll(...allowed) {
      args.forEach((_, i) => {
        helpers.expect(i, ...allowed);
      });
    },
    expect(index, ...allowed) {
      const type = (args[index] as Compiled).type;
      if (type === 'null' || allowed.includes(type)) return type;
      return fail(
        index,
        `${name} expects ${allowed.map((t) => TYPE_NAMES[t]).join(' or ')} as argument ${index + 1}, not ${TYPE_NAMES[type]}`,
      );
    },
  };
  return helpers;
}
