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
  /** Where the formula runs: ISNEW, ISCHANGED and PRIORVALUE only in validation rules. */
  purpose: FormulaPurpose;
}

export type FormulaPurpose = 'field' | 'validation' | 'default';

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
