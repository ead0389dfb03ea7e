/**
 * Multi-row INSERTs for bulk writes. Building a Kysely query of thousands of rows makes a node per value;
 * instead the statement for a given object is built with Kysely once (per metadata version, as the compiled
 * object is) and then run with its parameters.
 * - SQLite: `values (?, …), (?, …)` for a given row count, with a flat parameter list; better-sqlite3 keeps it
 *   prepared.
 * - PostgreSQL: `select * from unnest($1::text[], $2::uuid[], …)`, one array per column, whatever the row count.
 *   The server parses a statement of a few parameters instead of one of thousands on every batch (a third less
 *   time per INSERT, measured on 100,000 rows of 14 columns).
 */
import { CompiledQuery, sql } from 'kysely';
import type { CompiledObject } from '../model/compiled-model.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { rowCodec } from './row-codec.js';

const cache = new WeakMap<CompiledObject, Map<string, string>>();

function insertSql(
  db: AnyDb,
  dialect: DialectName,
  object: CompiledObject,
  columns: readonly string[],
  rows: number,
) {
  const byShape = getOrCreate(cache, object, () => new Map<string, string>());
  if (dialect === 'postgres')
    return getOrCreate(byShape, 'postgres', () => {
      const codec = rowCodec(object, dialect);
      // The column types are the registry's DDL names (never input): each array is cast to its column's type.
      const arrays = columns.map((c) => sql`${null}::${sql.raw(codec.column(c)?.sql ?? 'text')}[]`);
      return db
        .insertInto(object.apiName)
        .columns(columns)
        .expression(sql`select * from unnest(${sql.join(arrays)})`)
        .compile().sql;
    });
  return getOrCreate(byShape, `${dialect}:${rows}`, () => {
    // Placeholder values only shape the statement: each becomes one bound parameter.
    const row = Object.fromEntries(columns.map((c) => [c, 0]));
    return db
      .insertInto(object.apiName)
      .values(Array.from({ length: rows }, () => row))
      .compile().sql;
  });
}

/** A flat row-by-row list of values as one array per column. */
function byColumn(parameters: readonly unknown[], width: number): unknown[][] {
  const arrays = Array.from({ length: width }, () => [] as unknown[]);
  for (let i = 0; i < parameters.length; i++) (arrays[i % width] as unknown[]).push(parameters[i]);
  return arrays;
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
  const text = insertSql(db, dialect, object, columns, rows);
  await db.executeQuery(
    CompiledQuery.raw(text, dialect === 'postgres' ? byColumn(parameters, columns.length) : parameters),
  );
}
