/**
 * Field history of objects with `trackHistory`: one row per changed field per update (who, when, old, new),
 * written in the update's own transaction so history and record never disagree.
 */
import type { CompiledObject } from '../model/compiled-model.js';
import { newRecordId } from '../records/record-ids.js';
import type { AnyDb } from '../storage/storage.js';
import { FIELD_HISTORY } from './identity-tables.js';

export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: string;
}

export async function recordFieldChanges(
  trx: AnyDb,
  object: CompiledObject,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  changedBy: string | null,
): Promise<void> {
  const at = new Date().toISOString();
  const rows = [];
  for (const field of object.fields.values()) {
    // What people changed: values the platform derives (stored formulas) follow from those and are not history.
    if (!field.columns || field.def.generated) continue;
    const oldValue = JSON.stringify(before[field.name] ?? null);
    const newValue = JSON.stringify(after[field.name] ?? null);
    if (oldValue === newValue) continue;
    rows.push({
      id: newRecordId(),
      object_id: object.id,
      record_id: after.id,
      field_id: field.id,
      old_value: oldValue,
      new_value: newValue,
      changed_by: changedBy,
      changed_at: at,
    });
  }
  if (rows.length) await trx.insertInto(FIELD_HISTORY).values(rows).execute();
}

/** The history of one record, newest first, of the fields the object (as the caller sees it) has. */
export async function readFieldChanges(
  db: AnyDb,
  object: CompiledObject,
  recordId: string,
): Promise<FieldChange[]> {
  const names = new Map([...object.fields.values()].map((f) => [f.id, f.name]));
  const rows = await db
    .selectFrom(FIELD_HISTORY)
    .select(['field_id', 'old_value', 'new_value', 'changed_by', 'changed_at', 'id'])
    .where('object_id', '=', object.id)
    .where('record_id', '=', recordId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.flatMap((r) => {
    const field = names.get(r.field_id);
    return field === undefined
      ? []
      : [
          {
            field,
            oldValue: JSON.parse(r.old_value),
            newValue: JSON.parse(r.new_value),
            changedBy: r.changed_by === null ? null : String(r.changed_by),
            changedAt: r.changed_at,
          },
        ];
  });
}
