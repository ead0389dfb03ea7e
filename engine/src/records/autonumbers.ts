/**
 * Auto-numbers: each new record takes the next value of its field's counter, formatted (`AST-{YYYY}-{0000}`).
 * The counter is one row per field, advanced by a whole batch in one upsert inside the insert's transaction:
 * concurrent inserts queue on that row, and a rolled-back insert rolls its numbers back, so the numbers are
 * unique, consecutive and without gaps.
 */
import { sql } from 'kysely';
import type { CompiledField, CompiledObject } from '../model/compiled-model.js';
import type { AnyDb } from '../storage/storage.js';
import { COUNTERS } from '../store/system-tables.js';

export const autonumberFields = (object: CompiledObject): CompiledField[] =>
  [...object.fields.values()].filter((f) => f.type === 'autonumber');

/** The format with its date parts (UTC, from `at`) and the zero-padded counter filled in. */
export function formatAutonumber(format: string, n: number, at: Date): string {
  const iso = at.toISOString();
  const parts: Record<string, string> = {
    YYYY: iso.slice(0, 4),
    YY: iso.slice(2, 4),
    MM: iso.slice(5, 7),
    DD: iso.slice(8, 10),
  };
  return format.replace(/\{(YYYY|YY|MM|DD|0+)\}/g, (_, token: string) =>
    token.startsWith('0') ? String(n).padStart(token.length, '0') : (parts[token] as string),
  );
}

/** Takes `count` numbers of the field's counter; answers the first. */
async function take(trx: AnyDb, fieldId: string, count: number): Promise<number> {
  const { rows } = await sql<{ value: number | string }>`
    insert into ${sql.table(COUNTERS)} (field_id, value) values (${fieldId}, ${count})
    on conflict (field_id) do update set value = ${sql.ref(`${COUNTERS}.value`)} + ${count}
    returning value`.execute(trx);
  return Number(rows[0]?.value) - count + 1;
}

/** Gives every record its numbers, in batch order. */
export async function assignAutonumbers(
  trx: AnyDb,
  object: CompiledObject,
  records: readonly Record<string, unknown>[],
): Promise<void> {
  for (const field of autonumberFields(object)) {
    const first = await take(trx, field.id, records.length);
    const format = field.prop['x-tessera'].format as string;
    records.forEach((record, i) => {
      record[field.name] = formatAutonumber(format, first + i, new Date(record.created_at as string));
    });
  }
}

/**
 * Numbers the records an object already has when one of its auto-number fields is new, oldest first, in the
 * deploy's transaction: no record is left without its number.
 */
export async function backfillAutonumbers(
  trx: AnyDb,
  object: CompiledObject,
  fields: readonly CompiledField[],
): Promise<void> {
  for (const field of fields) {
    const rows = await trx
      .selectFrom(object.apiName)
      .select(['id', 'created_at'])
      .where(field.name, 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    if (!rows.length) continue;
    const first = await take(trx, field.id, rows.length);
    const format = field.prop['x-tessera'].format as string;
    for (const [i, row] of rows.entries())
      await trx
        .updateTable(object.apiName)
        .set({ [field.name]: formatAutonumber(format, first + i, new Date(row.created_at as string)) })
        .where('id', '=', row.id)
        .execute();
  }
}
