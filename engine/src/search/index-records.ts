/**
 * Keeps an object's search index in step with its records, inside the write's transaction (the write
 * pipeline's `indexForSearch` stage calls it): created records are added, updated ones rewritten when an
 * indexed field changed, deleted ones removed. Records deleted by the database itself (a master-detail
 * parent's cascade) leave entries behind that a search never shows (it joins the object's table) and the next
 * rebuild drops.
 */
import type { CompiledObject } from '../model/compiled-model.js';
import type { RecordData } from '../records/record-api.js';
import type { AnyDb } from '../storage/storage.js';
import { searchFields } from './search-fields.js';
import { searchTableName } from './search-tables.js';

/** Rows per INSERT: far below SQLite's parameter limit whatever the number of indexed fields (≤ 32,766). */
const ROWS_PER_STATEMENT = 200;

/** Text as the index holds it: the stored text itself; other values never reach a text-like field. */
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function entry(fields: readonly string[], record: RecordData): RecordData {
  const row: RecordData = { record_id: record.id };
  for (const f of fields) row[f] = text(record[f]);
  return row;
}

export async function indexCreated(db: AnyDb, object: CompiledObject, records: readonly RecordData[]) {
  const fields = searchFields(object);
  if (!fields.length || !records.length) return;
  const table = searchTableName(object.id);
  for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT)
    await db
      .insertInto(table)
      .values(records.slice(i, i + ROWS_PER_STATEMENT).map((r) => entry(fields, r)))
      .execute();
}

/** Rewrites the record's entry when one of its indexed fields changed; a missing entry is made. */
export async function indexUpdated(db: AnyDb, object: CompiledObject, prior: RecordData, record: RecordData) {
  const fields = searchFields(object);
  if (!fields.some((f) => text(prior[f]) !== text(record[f]))) return;
  const row = entry(fields, record);
  const { record_id: _, ...texts } = row;
  await db
    .insertInto(searchTableName(object.id))
    .values(row)
    .onConflict((oc) => oc.column('record_id').doUpdateSet(texts))
    .execute();
}

export async function indexDeleted(db: AnyDb, object: CompiledObject, ids: readonly string[]) {
  if (!searchFields(object).length || !ids.length) return;
  await db.deleteFrom(searchTableName(object.id)).where('record_id', 'in', ids).execute();
}
