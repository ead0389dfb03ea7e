/**
 * The values an `update_record` or `create_record` action sets, computed over the triggering record: literals as
 * they are, formulas evaluated (`TODAY() + 3`, `id`). A formula that cannot be computed for the record sets a
 * blank, as a formula field is blank: the written record's validation then says whether a blank is allowed.
 */
import { FormulaLimitError } from '@tessera/formula';
import type { RecordContext } from '../formulas/record-context.js';
import type { RecordData } from '../records/record-api.js';
import type { CompiledSet } from './compile-automations.js';

export function setValues(sets: readonly CompiledSet[], context: RecordContext): RecordData {
  const values: RecordData = {};
  for (const set of sets) values[set.field] = 'formula' in set ? computed(set, context) : set.value;
  return values;
}

function computed(set: Extract<CompiledSet, { formula: unknown }>, context: RecordContext): unknown {
  try {
    return set.formula.evaluate(context) ?? null;
  } catch (error) {
    if (error instanceof RangeError || error instanceof FormulaLimitError) return null;
    throw error;
  }
}
