/**
 * A storage whose every transaction is one that is already open: record writes made through it join the
 * caller's transaction (a package install loads its seed data in the same transaction as its metadata, so
 * both land or neither does).
 */
import type { RawBuilder, SqlBool } from 'kysely';
import type { ColumnType, DialectName } from './column-type.js';
import type { AnyDb, ConstraintViolation, SchemaEditor, Storage } from './storage.js';

export class TransactionStorage implements Storage {
  constructor(
    private readonly outer: Storage,
    readonly db: AnyDb,
  ) {}

  get dialect(): DialectName {
    return this.outer.dialect;
  }

  get location(): string {
    return this.outer.location;
  }

  migrate<T>(_fn: (db: AnyDb, schema: SchemaEditor) => Promise<T>): Promise<T> {
    throw new Error('a migration cannot start inside another transaction');
  }

  transaction<T>(fn: (db: AnyDb) => Promise<T>): Promise<T> {
    return fn(this.db);
  }

  writeTransaction<T>(fn: (db: AnyDb) => Promise<T>): Promise<T> {
    return fn(this.db);
  }

  writeColumn(
    db: AnyDb,
    table: string,
    column: string,
    rows: readonly (readonly [string, unknown])[],
    type: ColumnType,
  ): Promise<void> {
    return this.outer.writeColumn(db, table, column, rows, type);
  }

  violation(error: unknown): ConstraintViolation | undefined {
    return this.outer.violation(error);
  }

  onMigration(_listener: () => void): () => void {
    return () => {};
  }

  optimize(): Promise<void> {
    return Promise.resolve();
  }

  prepare(text: string, key: string): void {
    this.outer.prepare(text, key);
  }

  arrayContains(column: string, value: string): RawBuilder<SqlBool> {
    return this.outer.arrayContains(column, value);
  }

  oneOf(column: string, values: readonly unknown[]): RawBuilder<SqlBool> {
    return this.outer.oneOf(column, values);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
