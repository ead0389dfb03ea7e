/**
 * Stage: what the write did to each record, as the after-save stage hands it to the hooks (only for objects
 * the hooks watch: otherwise nothing is collected). Records are copied with their stored columns only, so
 * the answer's computed formulas, filled in later, never show in a change.
 */
import type { RecordData } from '../record-api.js';
import type { RowCodec } from '../row-codec.js';
import type { RecordChange } from './record-change.js';
import { hookContext, type WriteBatch } from './write-batch.js';

export function collectRecordChanges(batch: WriteBatch): void {
  const { hooks, tx, codec } = batch;
  if (!hooks) return;
  tx.afterSave ??= { hooks, context: hookContext(batch) };
  const count = batch.operation === 'delete' ? (batch.priors?.length ?? 0) : batch.records.length;
  for (let i = 0; i < count; i++) {
    const prior = batch.priors?.[i];
    const record = batch.records[i];
    const before = prior ? storedColumns(codec, prior) : null;
    const after = record ? storedColumns(codec, record) : null;
    tx.changes.push({
      object: batch.object.apiName,
      id: String((after ?? before)?.id),
      operation: batch.operation,
      before,
      after,
      changedFields: changedFields(codec, before, after),
      actor: batch.actor,
    } satisfies RecordChange);
  }
}

function storedColumns(codec: RowCodec, record: RecordData): RecordData {
  const copy: RecordData = {};
  for (const name of codec.columns) if (Object.hasOwn(record, name)) copy[name] = record[name];
  return copy;
}

/**
 * The fields (and `owner_id`) whose stored value differs: on a create every field given a value, on a delete
 * every field that had one. The platform's bookkeeping (version, updated_at …) is not a change of a field.
 */
function changedFields(codec: RowCodec, before: RecordData | null, after: RecordData | null): string[] {
  const changed: string[] = [];
  for (const name of codec.columns) {
    if (BOOKKEEPING.has(name)) continue;
    if (!sameValue(before?.[name] ?? null, after?.[name] ?? null)) changed.push(name);
  }
  return changed;
}

/** Stored values compare as their JSON does; most are strings, numbers or null, compared without it. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' && typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version']);
