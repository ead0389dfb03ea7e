/** Every function of the language by its upper-case name, with the Salesforce aliases. */
import { DATE_FUNCTIONS } from './date.js';
import type { FunctionDef } from './function-def.js';
import { LINK_FUNCTIONS } from './links.js';
import { LOGICAL } from './logical.js';
import { MATH_FUNCTIONS } from './math.js';
import { TEXT_FUNCTIONS } from './text.js';

export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  ...LOGICAL,
  ...TEXT_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...LINK_FUNCTIONS,
  // Older Salesforce names for the same functions.
  ISNULL: LOGICAL.ISBLANK as FunctionDef,
  NULLVALUE: LOGICAL.BLANKVALUE as FunctionDef,
};
