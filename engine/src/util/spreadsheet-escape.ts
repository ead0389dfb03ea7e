/**
 * Formula injection ("CSV injection", OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
 * formula, and drops a leading tab or carriage return and then does. An export writes such text with a leading
 * apostrophe, which spreadsheets do not show; an import reads it back without it, so an export imports back
 * into the same text.
 *
 * The rule is one-to-one: text that already starts with apostrophes before such a character gets one more, and an
 * import takes exactly one off. So `=1` is written `'=1` and reads back `=1`; a record that holds `'=1` is written
 * `''=1` and reads back `'=1`; text with no formula character after its apostrophes (`'hello`) is left alone
 * both ways. A file typed by hand reads the same: `'=1` in a cell is the text `=1`, as a spreadsheet shows it.
 */

const RUNS_AS_FORMULA = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;

/** Text a spreadsheet would evaluate, made inert by a leading apostrophe. */
export const neutralize = (text: string): string => (RUNS_AS_FORMULA.test(text) ? `'${text}` : text);

/** A cell's text as it was before `neutralize`: one leading apostrophe off where it put one. */
export const unneutralize = (cell: string): string => (NEUTRALIZED.test(cell) ? cell.slice(1) : cell);
