/**
 * Stage: the formula fields computed when read (not stored), filled into the written records for the answer:
 * as the validation rules computed them when they ran, else from the records' stored values.
 */
import { clockIn } from '../../formulas/formula-clock.js';
import { fillFormulas } from '../../formulas/formula-values.js';
import type { CompiledObject } from '../../model/compiled-model.js';
import type { WriteBatch } from './write-batch.js';

const computedOf = new WeakMap<CompiledObject, string[]>();

function computedFormulas(view: CompiledObject): string[] {
  // A plain lookup, no closure: this runs on every write.
  let names = computedOf.get(view);
  if (!names) {
    names = [...view.fields.values()].filter((f) => f.type === 'formula' && !f.columns).map((f) => f.name);
    computedOf.set(view, names);
  }
  return names;
}

export function fillFormulaFields(batch: WriteBatch): Promise<void> | undefined {
  const names = computedFormulas(batch.view);
  if (!names.length) return undefined;
  const { records, computed } = batch;
  if (computed) {
    records.forEach((record, i) => {
      for (const name of names) record[name] = computed[i]?.[name] ?? null;
    });
    return undefined;
  }
  const { model } = batch.access;
  const scope = {
    db: batch.tx.trx,
    dialect: batch.storage.dialect,
    model,
    object: batch.object,
    clock: clockIn(batch.locality.timeZone),
  };
  return fillFormulas(scope, records, records, new Set(names));
}
