/**
 * The one configured ajv factory. Record validators and the meta-schema validator share its options so the
 * browser (studio) and the server agree on what is valid.
 */

import { compileRegex, RegexSyntaxError, regexProblem } from '@tessera/formula/regex';
import { _ } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import addFormats from 'ajv-formats';
import { NO_NUL_PATTERN } from '../fields/string-field.js';
import { isMultipleOf } from '../util/decimal.js';

/** Wall-clock times without a zone, `HH:MM` or `HH:MM:SS` (JSON Schema's `time` would demand an offset). */
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/**
 * ajv's `multipleOf` divides binary floats and compares with an absolute tolerance, so 1234.56 is "not a
 * multiple of" 0.0001. Money needs the decimal answer: compare the numbers as the decimals JSON wrote.
 */
function replaceMultipleOf(ajv: Ajv2020): void {
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    error: {
      message: ({ schema }) => `must be multiple of ${schema}`,
      params: ({ schema }) => _`{multipleOf: ${schema}}`,
    },
    validate: (step: number, value: number) => isMultipleOf(value, step),
  });
}

/**
 * The patterns the platform itself puts on every string value (see fields/string-field.ts), answered by a
 * plain string method: they run on every string of every record written, and the regex engine's cost per
 * call was a tenth of a bulk import's time.
 */
const PLAIN_PATTERNS = new Map<string, (text: string) => boolean>([
  [NO_NUL_PATTERN, (text) => !text.includes('\u0000')],
]);

/**
 * `pattern` and `patternProperties` run on the linear-time engine (see @tessera/formula/regex), never on
 * RegExp: an admin's pattern must not be able to make one value take minutes. ajv keys compiled patterns by
 * `toString()`, so each one says which pattern it is. A deploy refuses a pattern the engine cannot run; one
 * stored before it was refused (a lookahead RegExp took) matches nothing, so the object still opens and its
 * field takes no value until the pattern is changed.
 */
const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    const key = () => `/${pattern}/`;
    const plain = PLAIN_PATTERNS.get(pattern);
    if (plain) return { test: plain, toString: key };
    try {
      return { test: compileRegex(pattern).test, toString: key };
    } catch (error) {
      if (error instanceof RegexSyntaxError) return { test: () => false, toString: key };
      throw error;
    }
  },
  { code: 'linearRegExp' },
);

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    multipleOfPrecision: 9,
    // Record schemas are compiled by the hundred per metadata version: skip the source-code pretty printing.
    code: { lines: false, source: false, regExp: linearRegExp },
  });
  addFormats.default(ajv, { mode: 'full' });
  replaceMultipleOf(ajv);
  ajv.addFormat('time', LOCAL_TIME);
  // `format: "regex"` means "a pattern the engine above can run", not "one RegExp accepts".
  ajv.addFormat('regex', (pattern: string) => regexProblem(pattern) === undefined);
  return ajv;
}
