/**
 * Stage: the records' stored formulas, computed from their final values (auto-numbers and before-save patches
 * included) and encoded with the rest of the row. A create's rows are encoded before the transaction when
 * nothing in it can change them (see prepare-create.ts): the stage then has nothing left to do.
 */
import {
  hasStoredFormulas,
  storedFormulaChanges,
  storeFormulas,
} from '../../formulas/stored-formula-values.js';
import type { CompiledModel, CompiledObject } from '../../model/compiled-model.js';
import type { RecordData } from '../record-api.js';
import type { RowCodec } from '../row-codec.js';
import type { InsertRows, WriteBatch } from './write-batch.js';

export function computeStoredFormulas(batch: WriteBatch): void {
  const { insert, target } = batch;
  if (insert) {
    if (!insert.encoded)
      encodeNewRecords(batch.access.model, batch.object, batch.codec, insert, batch.records);
    return;
  }
  const record = batch.records[0];
  if (target && record)
    Object.assign(target.set, storedFormulaChanges(batch.storage, batch.access.model, batch.object, record));
}

/** Computes new records' stored formulas and appends their encoded rows to the insert's statements. */
export function encodeNewRecords(
  model: CompiledModel,
  object: CompiledObject,
  codec: RowCodec,
  insert: InsertRows,
  records: readonly RecordData[],
): void {
  const stored = hasStoredFormulas(model, object);
  for (const record of records) {
    // Stored formulas last: they read every other value, auto-numbers included.
    if (stored) storeFormulas(model, object, [record]);
    if ((insert.chunks.at(-1) as unknown[]).length >= insert.perChunk) insert.chunks.push([]);
    codec.encodeInto(record, insert.chunks.at(-1) as unknown[]);
  }
  insert.encoded = true;
}
