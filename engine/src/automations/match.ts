/**
 * Whether a write triggers an automation: the operation is one it listens to, one of its `changedFields`
 * changed, and its `when` formula holds for the record as it will be stored, with the stored record as
 * PRIORVALUE. A `when` that cannot be computed for a record (a division by zero, past the formula limits) does
 * not hold: an automation never runs on a guess.
 */
import { FormulaLimitError } from '@tessera/formula';
import type { FormulaClock } from '../formulas/formula-clock.js';
import { type FormulaScope, fillFormulas, relatedValues } from '../formulas/formula-values.js';
import { type Follow, RecordContext } from '../formulas/record-context.js';
import type { RecordData } from '../records/record-api.js';
import type { WriteOperation } from '../records/write/record-change.js';
import type { CompiledAutomation } from './compile-automations.js';

/** Stored values compare as JSON: a multi-picklist or a geolocation is the same when its JSON is. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the write changes one of `fields`: on a create, whether it sets one. */
export function changesAny(
  fields: readonly string[],
  before: RecordData | null,
  after: RecordData | null,
): boolean {
  if (!after) return true;
  return fields.some((f) => (before ? !sameValue(before[f], after[f]) : (after[f] ?? null) !== null));
}

/** Whether `when` holds (true when there is none). */
export function whenHolds(automation: CompiledAutomation, context: RecordContext): boolean {
  if (!automation.when) return true;
  try {
    return automation.when.evaluate(context) === true;
  } catch (error) {
    if (error instanceof RangeError || error instanceof FormulaLimitError) return false;
    throw error;
  }
}

/** What formulas of automations see of one record: the record, its prior values, lookups and the clock. */
export const contextOf = (
  record: RecordData,
  before: RecordData | null,
  clock: FormulaClock,
  follow: Follow | undefined,
): RecordContext => new RecordContext(record, clock, follow, before ?? undefined);

/** Whether a record write triggers `automation`, given the context its formulas run in. */
export function triggers(
  automation: CompiledAutomation,
  operation: WriteOperation,
  before: RecordData | null,
  after: RecordData | null,
  context: RecordContext,
): boolean {
  if (!automation.on.has(operation)) return false;
  if (automation.changedFields && !changesAny(automation.changedFields, before, after)) return false;
  return whenHolds(automation, context);
}

/**
 * The records as the automations' formulas must see them: formula fields computed when read filled in (on
 * copies) when one reads them, and the values across lookups they read loaded, one query per lookup.
 */
export async function readsOf(
  scope: FormulaScope,
  automations: readonly CompiledAutomation[],
  records: readonly RecordData[],
): Promise<{ records: readonly RecordData[]; follow: Follow | undefined }> {
  const related = automations.flatMap((a) => a.related);
  let seen = records;
  if (automations.some((a) => a.readsFormulas)) {
    const copies = records.map((r) => ({ ...r }));
    await fillFormulas(scope, copies, copies);
    seen = copies;
  }
  const follow = related.length
    ? await relatedValues(scope.db, scope.dialect, scope.model, scope.object, seen, related)
    : undefined;
  return { records: seen, follow };
}
