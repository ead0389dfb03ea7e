/**
 * A formula past the limits of one evaluation (see @tessera/formula's limits.ts) refuses the write it is part
 * of, with code `formula_limit` on the field or rule whose formula it is. Computed when read it is blank, as a
 * formula that cannot be computed for a record is.
 */
import type { FormulaLimitError } from '@tessera/formula';
import type { Issue } from '../errors.js';

export const formulaLimitIssue = (
  pointer: string,
  whose: string,
  error: FormulaLimitError,
  rule?: string,
): Issue => ({
  pointer,
  code: 'formula_limit',
  message: `${whose}: ${error.message}`,
  ...(rule ? { rule } : {}),
});
