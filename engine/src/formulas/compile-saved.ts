/**
 * Formulas saved in the metadata, compiled when first used. A deploy refuses a formula the language does not
 * accept, but the language can tighten after one was saved: a REGEX pattern with a lookahead, fine for the
 * backtracking engine of older versions, is refused by the linear-time one. Such a formula must not turn every
 * write of its object into a server error. It compiles to one that cannot be computed for any record — as a
 * division by zero cannot: a formula field or default is blank, a validation rule refuses the record — until an
 * admin changes it, and the deploy of that change checks it again.
 */
import {
  type CompiledFormula,
  compileFormula,
  type FormulaEnvironment,
  FormulaError,
} from '@tessera/formula';

export function compileSaved(source: string, env: FormulaEnvironment): CompiledFormula {
  try {
    return compileFormula(source, env);
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    const reason = `the saved formula can no longer run: ${error.message}`;
    return {
      source,
      type: 'null',
      fields: [],
      evaluate: () => {
        throw new RangeError(reason);
      },
    };
  }
}
