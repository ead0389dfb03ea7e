/**
 * Multi-row INSERTs for bulk writes. Building a Kysely query of thousands of rows makes a node per value;
 * instead the statement for a given object and row count is built with Kysely once (per metadata version,
 * as the compiled object is) and then run with a flat parameter list.
 */
import { CompiledQuery } from 'kysely';
import type { CompiledObject } from '../model/compiled-model.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';

const cache = new WeakMap<CompiledObject, Map<string, string>>();

function insertSql(
  db: AnyDb,
  dialect: DialectName,
  object: CompiledObject,
  columns: readonly string[],
  rows: number,
) {
  const byShape = getOrCreate(cache, object, () => new Map<string, string>());
  return getOrCreate(byShape, `${dialect}:${rows}`, () => {
    // Placeholder values only shape the statement: each becomes one bound parameter.
    const row = Object.fromEntries(columns.map((c) => [c, 0]));
    return db
      .insertInto(object.apiName)
      .values(Array.from({ length: rows }, () => row))
      .compile().sql;
  });
}

/** Inserts rows given as one flat list of encoded values, `columns.length` per row. */
export async function insertRows(
  db: AnyDb,
  dialect: DialectName,
  object: CompiledObject,
  columns: readonly string[],
  parameters: unknown[],
): Promise<void> {
  const rows = parameters.length / columns.length;
  await db.executeQuery(CompiledQuery.raw(insertSql(db, dialect, object, columns, rows), parameters));
}
