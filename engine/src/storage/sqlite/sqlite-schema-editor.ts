/** Schema changes on SQLite: in place where `ALTER TABLE` can, by the 12-step rebuild where it cannot. */
import { sql } from 'kysely';
import type { ColumnPlan, ForeignKeyPlan, IndexPlan, TablePlan } from '../../model/table-plan.js';
import type { ColumnType } from '../column-type.js';
import { columnConstraints, createIndex, createTable, dataType, referenceClause } from '../create-table.js';
import type { AnyDb, SchemaEditor } from '../storage.js';
import { rebuildTable } from './sqlite-rebuild.js';

export function sqliteSchemaEditor(db: AnyDb): SchemaEditor {
  return {
    createTable: (plan: TablePlan) => createTable(db, plan),
    renameTable: async (from, to) => {
      await db.schema.alterTable(from).renameTo(to).execute();
    },
    dropTable: async (name) => {
      await db.schema.dropTable(name).execute();
    },
    addColumn: async (table, column: ColumnPlan, fk?: ForeignKeyPlan) => {
      await db.schema
        .alterTable(table)
        .addColumn(column.name, dataType(column.type.sql), (c) => {
          const out = columnConstraints(c, column);
          return fk ? out.references(referenceClause(fk)).onDelete(fk.onDelete) : out;
        })
        .execute();
    },
    renameColumn: async (table, from, to) => {
      await db.schema.alterTable(table).renameColumn(from, to).execute();
    },
    dropColumn: (table, column) =>
      rebuildTable(db, table, (t) => {
        t.columns = t.columns.filter((c) => c.name !== column);
        t.foreignKeys = t.foreignKeys.filter((f) => f.column !== column);
      }),
    resetColumnType: (table, column, type: ColumnType) =>
      rebuildTable(db, table, (t) => {
        for (const c of t.columns)
          if (c.name === column) Object.assign(c, { type: type.sql, copyFrom: null, defaultSql: null });
      }),
    createIndex: (table, index: IndexPlan) => createIndex(db, table, index),
    dropIndex: async (_table, name) => {
      await db.schema.dropIndex(name).ifExists().execute();
    },
    addForeignKey: (table, fk) =>
      rebuildTable(db, table, (t) => {
        t.foreignKeys.push({ column: fk.column, targetTable: fk.targetTable, onDelete: fk.onDelete });
      }),
    dropForeignKey: (table, fk) =>
      rebuildTable(db, table, (t) => {
        t.foreignKeys = t.foreignKeys.filter((f) => f.column !== fk.column);
      }),
  };
}

/** Rows that break a foreign key after a migration: any makes the migration roll back. */
export async function foreignKeyProblems(db: AnyDb): Promise<{ table: string; parent: string }[]> {
  const result = await sql<{ table: string; parent: string }>`select "table", parent from pragma_foreign_key_check`.execute(db);
  return result.rows;
}
