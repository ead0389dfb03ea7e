/**
 * `expand=customer_id`: the record a lookup names (a user field: the user's id, name, email and whether active), inline, under `_expanded` (a name no field can take, so it
 * never collides). One query per expanded field for the whole page, never one per record.
 */
import type { Access } from '../access/access.js';
import type { RecordScope } from '../access/record-scope.js';
import { TesseraError } from '../errors.js';
import type { FieldReference } from '../fields/field-type-def.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { rowCodec } from './row-codec.js';

export const MAX_EXPAND = 10;
export const EXPANDED = '_expanded';

export function checkExpand(object: CompiledObject, fields: readonly string[]): void {
  const fail = (code: string, message: string) => {
    throw new TesseraError('invalid_query', `cannot expand: ${message}`, [
      { pointer: '/expand', code, message },
    ]);
  };
  if (fields.length > MAX_EXPAND) fail('too_many_expands', `expand at most ${MAX_EXPAND} fields`);
  for (const name of fields) {
    const field = object.fields.get(name);
    if (!field) fail('unknown_field', `"${name}" is not a field of ${object.apiName}`);
    else if (!field.reference)
      fail('not_a_reference', `"${name}" is not a lookup, master-detail or user field`);
  }
}

/** How the record API reads records of a linked object for the caller: their scope, columns, computed fields. */
export interface TargetReader {
  scope: RecordScope | undefined;
  columns: readonly string[];
  finish(rows: readonly Record<string, unknown>[], records: Record<string, unknown>[]): Promise<void>;
}

export async function expandRecords(
  db: AnyDb,
  dialect: DialectName,
  /** The caller's access: a linked record they cannot reach, or of an object they cannot read, expands to null. */
  access: Access,
  object: CompiledObject,
  records: Record<string, unknown>[],
  /** The stored rows of the records, in the same order: they hold the links even when `fields` left them out. */
  rows: readonly Record<string, unknown>[],
  fields: readonly string[],
  readerOf: (target: CompiledObject) => TargetReader,
): Promise<void> {
  for (const name of fields) {
    const field = object.fields.get(name);
    const reference = field?.reference;
    const link = (i: number) => {
      const value = rows[i]?.[name];
      return value === null || value === undefined ? undefined : String(value);
    };
    const ids = [...new Set(records.map((_, i) => link(i)).filter((v): v is string => v !== undefined))];
    const summary = reference?.summary;
    const byId = summary
      ? await summaries(db, reference.table, summary, ids)
      : await linkedRecords(db, dialect, access, reference?.object, ids, readerOf);
    records.forEach((record, i) => {
      const expanded = (record[EXPANDED] ?? {}) as Record<string, unknown>;
      const id = link(i);
      expanded[name] = id === undefined ? null : (byId.get(id) ?? null);
      record[EXPANDED] = expanded;
    });
  }
}

/** The rows of a table that is not an object's (users), as the reference's summary shows them. */
async function summaries(
  db: AnyDb,
  table: string,
  summary: NonNullable<FieldReference['summary']>,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const rows = ids.length
    ? await db.selectFrom(table).select(summary.columns).where('id', 'in', ids).execute()
    : [];
  return new Map(rows.map((row) => [String(row.id), summary.read(row)]));
}

/** The linked records of an object, as the caller may read them: none of an object they cannot read. */
async function linkedRecords(
  db: AnyDb,
  dialect: DialectName,
  access: Access,
  objectName: string | undefined,
  ids: readonly string[],
  readerOf: (target: CompiledObject) => TargetReader,
): Promise<Map<string, Record<string, unknown>>> {
  const target = objectName === undefined ? undefined : access.view.objects.get(objectName);
  const codec = target && rowCodec(target, dialect);
  const reader = target && readerOf(target);
  const found =
    target && reader && ids.length
      ? await db
          .selectFrom(target.apiName)
          .select(reader.columns)
          .where('id', 'in', ids)
          .$if(reader.scope !== undefined, (q) => q.where(reader.scope as RecordScope))
          .execute()
      : [];
  const decoded = found.map((row) => codec?.decode(row) as Record<string, unknown>);
  await reader?.finish(found, decoded);
  return new Map(decoded.map((record) => [String(record.id), record]));
}
