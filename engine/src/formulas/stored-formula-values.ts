/**
 * Keeping stored formulas current (see stored-formulas.ts for which are stored). A record's stored formulas are
 * computed from its own values just before it is written; a write elsewhere that changes values they read
 * without writing the record (a roll-up's recount, a deploy that changes a formula or a field it reads)
 * recomputes them with `refreshStoredFormulas`.
 */
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { rowCodec } from '../records/row-codec.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { evaluate, formulaPlan } from './formula-values.js';
import { RecordContext } from './record-context.js';

type Values = Record<string, unknown>;

/** Refreshes rows this many at a time: one read and at most this many updates per batch. */
const BATCH = 500;

/** Whether `object` has stored formulas (then every write computes them). */
export const hasStoredFormulas = (model: CompiledModel, object: CompiledObject): boolean =>
  (formulaPlan(model, object)?.stored.length ?? 0) > 0;

/** Stored formulas read no time (that is why they can be stored): their context's clock is never consulted. */
const NO_CLOCK = { now: 0, today: '1970-01-01' } as const;

/** Computes the stored formulas of records about to be written (decoded, every stored field present), in place. */
export function storeFormulas(
  model: CompiledModel,
  object: CompiledObject,
  records: readonly Values[],
): void {
  const stored = formulaPlan(model, object)?.stored;
  if (!stored?.length) return;
  for (const record of records) {
    const ctx = new RecordContext(record, NO_CLOCK);
    for (const field of stored) record[field.name] = evaluate(field, ctx, 'refuse');
  }
}

/** The stored formulas of a record about to be updated: computed into it, and returned encoded as column changes. */
export function storedFormulaChanges(
  storage: Storage,
  model: CompiledModel,
  object: CompiledObject,
  record: Values,
): Values {
  const stored = formulaPlan(model, object)?.stored;
  if (!stored?.length) return {};
  storeFormulas(model, object, [record]);
  return rowCodec(object, storage.dialect).encode(
    Object.fromEntries(stored.map((f) => [f.name, record[f.name]])),
  );
}

/**
 * Recomputes the stored formulas of the records with `ids` (every record when undefined) and writes the values
 * that changed, inside the caller's transaction.
 */
export async function refreshStoredFormulas(
  storage: Storage,
  db: AnyDb,
  model: CompiledModel,
  object: CompiledObject,
  ids: readonly string[] | undefined,
): Promise<void> {
  const plan = formulaPlan(model, object);
  if (!plan?.stored.length || ids?.length === 0) return;
  const codec = rowCodec(object, storage.dialect);
  const names = plan.stored.map((f) => f.name);
  const columns = [...new Set(['id', ...plan.storedReads, ...names])];
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .selectFrom(object.apiName)
      .select(columns)
      .$if(ids !== undefined, (q) => q.where('id', 'in', ids as string[]))
      .$if(ids === undefined && after !== undefined, (q) => q.where('id', '>', after as string))
      .orderBy('id')
      .$if(ids === undefined, (q) => q.limit(BATCH))
      .execute();
    for (const row of rows) {
      const record = codec.decode(row, columns);
      const before = names.map((n) => record[n] ?? null);
      storeFormulas(model, object, [record]);
      const changed = names.filter((n, i) => (record[n] ?? null) !== before[i]);
      if (!changed.length) continue;
      await db
        .updateTable(object.apiName)
        .set(codec.encode(Object.fromEntries(changed.map((n) => [n, record[n]]))))
        .where('id', '=', String(row.id))
        .execute();
    }
    if (ids !== undefined || rows.length < BATCH) return;
    after = String(rows.at(-1)?.id);
  }
}
