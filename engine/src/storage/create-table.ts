/** `CREATE TABLE` from a table plan, the same on both dialects: columns, then foreign keys, then indexes. */
import { sql } from 'kysely';
import type { ColumnPlan, ForeignKeyPlan, IndexPlan, TablePlan } from '../model/table-plan.js';
import type { AnyDb } from './storage.js';

/** Column types come from field type definitions (constants), never from user input. */
export const dataType = (type: string) => sql.raw(type);

export async function createTable(db: AnyDb, plan: TablePlan): Promise<void> {
  let builder = db.schema.createTable(plan.name);
  for (const column of plan.columns)
    builder = builder.addColumn(column.name, dataType(column.type.sql), (c) => columnConstraints(c, column));
  for (const fk of plan.foreignKeys)
    builder = builder.addForeignKeyConstraint(
      fk.name,
      [fk.column] as never,
      fk.targetTable as never,
      ['id'],
      (c) => c.onDelete(fk.onDelete),
    );
  await builder.execute();
  for (const index of plan.indexes) await createIndex(db, plan.name, index);
}

// biome-ignore lint/suspicious/noExplicitAny: Kysely's column builder type is internal.
export function columnConstraints(c: any, column: ColumnPlan) {
  let out = c;
  if (column.primaryKey) out = out.primaryKey();
  if (!column.nullable) out = out.notNull();
  if (column.default !== undefined) out = out.defaultTo(column.default);
  return out;
}

export async function createIndex(db: AnyDb, table: string, index: IndexPlan): Promise<void> {
  let builder = db.schema.createIndex(index.name).on(table).column(index.column);
  if (index.unique) builder = builder.unique();
  await builder.execute();
}

export const referenceClause = (fk: ForeignKeyPlan) => `${fk.targetTable}.id`;
