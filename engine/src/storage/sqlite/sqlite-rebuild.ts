/**
 * SQLite cannot change a column's type or a table's foreign keys in place. This follows SQLite's documented
 * procedure (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign keys off (done by
 * `SqliteStorage.migrate` before the transaction begins), create the new table, copy, drop the old one,
 * rename, recreate the indexes, and check foreign keys before commit. Because foreign keys are off, dropping
 * the old table never cascades to child records.
 */
import { sql } from 'kysely';
import { columnConstraints, dataType } from '../create-table.js';
import type { AnyDb } from '../storage.js';

export interface PhysicalColumn {
  name: string;
  type: string;
  notNull: boolean;
  /** The default as SQL text, as SQLite reports it. */
  defaultSql: string | null;
  primaryKey: boolean;
  /** Where the rebuild copies the value from: the old column's name, or null for NULL. */
  copyFrom: string | null;
}

export interface PhysicalForeignKey {
  column: string;
  targetTable: string;
  onDelete: string;
}

export interface PhysicalTable {
  columns: PhysicalColumn[];
  foreignKeys: PhysicalForeignKey[];
}

async function introspect(db: AnyDb, table: string) {
  const columns = await sql<{
    name: string;
    type: string;
    notnull: number;
    dflt_value: string | null;
    pk: number;
  }>`
    select name, type, "notnull", dflt_value, pk from pragma_table_xinfo(${table})`.execute(db);
  const foreignKeys = await sql<{ from: string; table: string; on_delete: string }>`
    select "from", "table", on_delete from pragma_foreign_key_list(${table})`.execute(db);
  const indexRows = await sql<{ sql: string; name: string }>`
    select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    db,
  );
  const indexes = [];
  for (const index of indexRows.rows) {
    const on = await sql<{ name: string }>`select name from pragma_index_info(${index.name})`.execute(db);
    indexes.push({ sql: index.sql, columns: on.rows.map((c) => c.name) });
  }
  const table_: PhysicalTable = {
    columns: columns.rows.map((c) => ({
      name: c.name,
      type: c.type,
      notNull: c.notnull === 1,
      defaultSql: c.dflt_value,
      primaryKey: c.pk > 0,
      copyFrom: c.name,
    })),
    foreignKeys: foreignKeys.rows.map((f) => ({
      column: f.from,
      targetTable: f.table,
      onDelete: f.on_delete.toLowerCase(),
    })),
  };
  return { table: table_, indexes };
}

export async function rebuildTable(
  db: AnyDb,
  table: string,
  change: (t: PhysicalTable) => void,
): Promise<void> {
  const { table: shape, indexes } = await introspect(db, table);
  change(shape);
  const temp = `tessera_rebuild_${table}`;
  let create = db.schema.createTable(temp);
  for (const c of shape.columns)
    create = create.addColumn(c.name, dataType(c.type), (b) =>
      columnConstraints(b, {
        name: c.name,
        fieldId: c.name,
        type: { sql: c.type, key: c.type, encode: (v) => v, decode: (v) => v },
        nullable: !c.notNull,
        primaryKey: c.primaryKey,
        ...(c.defaultSql === null ? {} : { default: sql.raw(c.defaultSql) }),
      }),
    );
  for (const fk of shape.foreignKeys)
    create = create.addForeignKeyConstraint(
      `fk_${fk.column}`,
      [fk.column] as never,
      fk.targetTable as never,
      ['id'],
      (b) => b.onDelete(fk.onDelete as 'cascade'),
    );
  await create.execute();
  const copied = shape.columns.filter((c) => c.copyFrom !== null);
  if (copied.length)
    await db
      .insertInto(temp)
      .columns(copied.map((c) => c.name))
      .expression(db.selectFrom(table).select(copied.map((c) => sql.ref(c.copyFrom as string).as(c.name))))
      .execute();
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(temp).renameTo(table).execute();
  const kept = new Set(shape.columns.map((c) => c.name));
  // An index on a dropped column goes with it; the others are recreated exactly as they were.
  for (const index of indexes)
    if (index.columns.every((c) => kept.has(c))) await sql.raw(index.sql).execute(db);
}
