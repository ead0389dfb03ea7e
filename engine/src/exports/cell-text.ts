/**
 * What one value looks like in a cell of an exported file. Numbers stay numbers (a spreadsheet sums them);
 * everything else is text in the form an import reads back. Text that a spreadsheet would take for a formula
 * is neutralized (spreadsheet-escape.ts), so opening an export never runs what someone typed into a record.
 */
import type { CompiledField } from '../model/compiled-model.js';
import { neutralize } from '../util/spreadsheet-escape.js';

/** A cell as a sink writes it: text, a number, or empty. */
export type Cell = string | number | null;

/** The text of a value without a type of its own to say how (system fields, the types without `toText`). */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plainText).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The cell of one value of `field` (undefined for system fields, whose values are ids, instants and numbers). */
export function valueCell(field: CompiledField | undefined, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = field?.def.toText ? field.def.toText(value) : plainText(value);
  return neutralize(text);
}
