/**
 * The storage of one workspace, behind one interface for both dialects (the way Kysely hides its adapters).
 * Everything above this layer builds SQL with Kysely and never asks which database it is on. Both dialects
 * run DDL inside transactions and add a column with a constant default without rewriting the table; where
 * SQLite cannot alter in place (column types, foreign keys), its schema editor rebuilds the table.
 */
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { ColumnPlan, ForeignKeyPlan, IndexPlan, TablePlan } from '../model/table-plan.js';
import type { ColumnType, DialectName } from './column-type.js';

// biome-ignore lint/suspicious/noExplicitAny: table names are only known at run time, from metadata.
export type AnyDb = Kysely<any>;

/** A unique or foreign-key violation, with the constraint or column it names where the driver says it. */
export interface ConstraintViolation {
  kind: 'unique' | 'foreign_key';
  /** Index or constraint name (PostgreSQL) or `table.column` (SQLite unique). */
  constraint?: string;
  column?: string;
}

/** Schema changes, each a statement or a small set of them, run inside `Storage.migrate`. */
export interface SchemaEditor {
  createTable(plan: TablePlan): Promise<void>;
  renameTable(from: string, to: string): Promise<void>;
  dropTable(name: string): Promise<void>;
  addColumn(table: string, column: ColumnPlan, foreignKey?: ForeignKeyPlan): Promise<void>;
  renameColumn(table: string, from: string, to: string): Promise<void>;
  dropColumn(table: string, column: string): Promise<void>;
  /** Gives a column a new type; its values become NULL, for the caller to write converted ones. */
  resetColumnType(table: string, column: string, type: ColumnType): Promise<void>;
  createIndex(table: string, index: IndexPlan): Promise<void>;
  dropIndex(table: string, name: string): Promise<void>;
  addForeignKey(table: string, foreignKey: ForeignKeyPlan): Promise<void>;
  dropForeignKey(table: string, foreignKey: ForeignKeyPlan): Promise<void>;
  /** The names of the table's columns as the database has them. */
  columnNames(table: string): Promise<Set<string>>;
}

export interface Storage {
  readonly dialect: DialectName;
  /** Scoped to this workspace (its SQLite file, or its PostgreSQL schema). */
  readonly db: AnyDb;
  /** A short description for logs and errors: the file, or the schema. */
  readonly location: string;
  /**
   * Runs `fn` in one transaction fit for schema changes, exclusive against other migrations of the workspace
   * (in this process or another); integrity is checked before commit.
   */
  migrate<T>(fn: (db: AnyDb, schema: SchemaEditor) => Promise<T>): Promise<T>;
  /** Runs `fn` in one ordinary transaction. */
  transaction<T>(fn: (db: AnyDb) => Promise<T>): Promise<T>;
  /**
   * Runs a record write in one transaction that no migration of the workspace overlaps: writes run alongside
   * each other, a migration waits for them and they for it.
   */
  writeTransaction<T>(fn: (db: AnyDb) => Promise<T>): Promise<T>;
  /** Writes many rows' values of one column by id, batched. */
  writeColumn(
    db: AnyDb,
    table: string,
    column: string,
    rows: readonly (readonly [string, unknown])[],
    type: ColumnType,
  ): Promise<void>;
  violation(error: unknown): ConstraintViolation | undefined;
  /**
   * Calls `listener` when another process commits a migration of this workspace, within a second (PostgreSQL:
   * LISTEN/NOTIFY; SQLite: any other connection's commit, which the listener checks). Returns the unsubscribe
   * function.
   */
  onMigration(listener: () => void): () => void;
  /**
   * Brings the query planner's statistics up to date where they are stale. SQLite plans without statistics
   * otherwise (and then, for instance, sorts every record a user may see instead of reading in order);
   * PostgreSQL's autovacuum keeps its own, so there it does nothing.
   */
  optimize(): Promise<void>;
  /**
   * Marks a statement text this process will run often, so the database keeps it parsed and planned
   * (PostgreSQL, per connection, under a name made of `key` and the text). `key` changes when the tables do.
   */
  prepare(text: string, key: string): void;
  /** True where a JSON array column holds `value` (multipicklist `contains`). */
  arrayContains(column: string, value: string): RawBuilder<SqlBool>;
  /**
   * True where the column equals one of `values` (encoded, none null). The list is one parameter, however
   * long: a filter's lists together may hold more values than SQLite binds in one statement (32,766).
   */
  oneOf(column: string, values: readonly unknown[]): RawBuilder<SqlBool>;
  close(): Promise<void>;
}
