/** Schema changes on SQLite: in place where `ALTER TABLE` can, by the 12-step rebuild where it cannot. */
import { sql } from 'kysely';
import type { ColumnPlan, ForeignKeyPlan, IndexPlan, TablePlan } from '../../model/table-plan.js';
import type { ColumnType } from '../column-type.js';
import { columnConstraints, createIndex, createTable, dataType, referenceClause } from '../create-table.js';
import type { AnyDb, SchemaEditor } from '../storage.js';
import { rebuildTable } from './sqlite-rebuild.js';

/**
 * `rebuilt` collects the tables this editor rebuilt: the only ones whose foreign keys a migration can have
 * broken, so the only ones checked before commit (a whole-database check costs a scan of every linked table).
 */
export function sqliteSchemaEditor(db: AnyDb, rebuilt: Set<string>): SchemaEditor {
  const rebuild = (table: string, change: Parameters<typeof rebuildTable>[2]) => {
    rebuilt.add(table);
    return rebuildTable(db, table, change);
  };
  return {
    createTable: (plan: TablePlan) => createTable(db, plan),
    renameTable: async (from, to) => {
      await db.schema.alterTable(from).renameTo(to).execute();
      if (rebuilt.delete(from)) rebuilt.add(to);
    },
    dropTable: async (name) => {
      await db.schema.dropTable(name).execute();
      rebuilt.delete(name);
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
    columnNames: async (table) => {
      const { rows } = await sql<{ name: string }>`select name from pragma_table_xinfo(${table})`.execute(db);
      return new Set(rows.map((r) => r.name));
    },
    dropColumn: (table, column) =>
      rebuild(table, (t) => {
        t.columns = t.columns.filter((c) => c.name !== column);
        t.foreignKeys = t.foreignKeys.filter((f) => f.column !== column);
      }),
    resetColumnType: (table, column, type: ColumnType) =>
      rebuild(table, (t) => {
        for (const c of t.columns)
          if (c.name === column) Object.assign(c, { type: type.sql, copyFrom: null, defaultSql: null });
      }),
    createIndex: (table, index: IndexPlan) => createIndex(db, table, index),
    dropIndex: async (_table, name) => {
      await db.schema.dropIndex(name).ifExists().execute();
    },
    addForeignKey: (table, fk) =>
      rebuild(table, (t) => {
        t.foreignKeys.push({ column: fk.column, targetTable: fk.targetTable, onDelete: fk.onDelete });
      }),
    dropForeignKey: (table, fk) =>
      rebuild(table, (t) => {
        t.foreignKeys = t.foreignKeys.filter((f) => f.column !== fk.column);
      }),
  };
}

/** Rows of the given tables that break a foreign key: any makes the migration roll back. */
export async function foreignKeyProblems(
  db: AnyDb,
  tables: Iterable<string>,
): Promise<{ table: string; parent: string }[]> {
  const problems: { table: string; parent: string }[] = [];
  for (const table of tables) {
    const result = await sql<{ table: string; parent: string }>`
      select "table", parent from pragma_foreign_key_check(${table})`.execute(db);
    problems.push(...result.rows);
  }
  return problems;
}
