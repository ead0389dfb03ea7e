/** Schema changes on PostgreSQL: all in place, all transactional. */
import { sql } from 'kysely';
import type { ForeignKeyPlan } from '../../model/table-plan.js';
import { columnConstraints, createIndex, createTable, dataType } from '../create-table.js';
import type { AnyDb, SchemaEditor } from '../storage.js';

export function postgresSchemaEditor(db: AnyDb): SchemaEditor {
  const addForeignKey = async (table: string, fk: ForeignKeyPlan) => {
    await db.schema
      .alterTable(table)
      .addForeignKeyConstraint(fk.name, [fk.column], fk.targetTable as never, ['id'], (c) =>
        c.onDelete(fk.onDelete),
      )
      .execute();
  };
  return {
    createTable: (plan) => createTable(db, plan),
    renameTable: async (from, to) => {
      await db.schema.alterTable(from).renameTo(to).execute();
    },
    dropTable: async (name) => {
      await db.schema.dropTable(name).execute();
    },
    addColumn: async (table, column, fk) => {
      await db.schema
        .alterTable(table)
        .addColumn(column.name, dataType(column.type.sql), (c) => columnConstraints(c, column))
        .execute();
      if (fk) await addForeignKey(table, fk);
    },
    renameColumn: async (table, from, to) => {
      await db.schema.alterTable(table).renameColumn(from, to).execute();
    },
    columnNames: async (table) => {
      const { rows } = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(db);
      return new Set(rows.map((r) => r.column_name));
    },
    dropColumn: async (table, column) => {
      await db.schema.alterTable(table).dropColumn(column).execute();
    },
    resetColumnType: async (table, column, type) => {
      await db.schema
        .alterTable(table)
        .alterColumn(column, (c) => c.dropDefault())
        .execute();
      await db.schema
        .alterTable(table)
        .alterColumn(column, (c) => c.setDataType(sql`${dataType(type.sql)} using null`))
        .execute();
    },
    createIndex: (table, index) => createIndex(db, table, index),
    dropIndex: async (_table, name) => {
      await db.schema.dropIndex(name).ifExists().execute();
    },
    addForeignKey,
    dropForeignKey: async (table, fk) => {
      await db.schema.alterTable(table).dropConstraint(fk.name).ifExists().execute();
    },
  };
}
