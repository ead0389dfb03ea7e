/**
 * Kysely prepares a statement for every query it runs on better-sqlite3. Preparing costs as much as running a
 * small insert, so this wrapper keeps prepared statements by SQL text: the same compiled query is prepared
 * once. SQLite re-prepares a cached statement by itself when the schema changes under it.
 *
 * A statement that reads rows reads them as arrays and makes them objects here: better-sqlite3 builds a row
 * object property by property through V8's C++ API, which cost more than the query itself (100,000 rows of 14
 * columns: about 1.0 s as objects, 0.55 s as arrays made objects in JavaScript). The objects are the same:
 * one property per column in column order, a later column of the same name winning. Only statements without
 * a `*` do so: their columns are spelled out in their text, while a `select *` prepared again after its table
 * changed (SQLite does so by itself, even for another process's change) may answer other columns than the
 * names taken when it was first prepared.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;

export function withStatementCache(db: Database.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (stmt) {
        // Refresh its place so the least recently used statement is evicted first.
        statements.delete(sql);
      } else {
        stmt = readingArrays(db.prepare(sql));
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, stmt);
      return stmt;
    },
  };
}

function readingArrays(stmt: Database.Statement): SqliteStatement {
  if (!stmt.reader || stmt.source.includes('*')) return stmt as unknown as SqliteStatement;
  const names = stmt.columns().map((c) => c.name);
  // A literal `{"__proto__": …}` would set the prototype, not a property: such a row stays better-sqlite3's.
  if (names.includes('__proto__')) return stmt as unknown as SqliteStatement;
  stmt.raw(true);
  const objectOf = rowMaker(names);
  return {
    reader: true,
    all: (parameters) => (stmt.all(parameters) as unknown[][]).map(objectOf),
    run: (parameters) => stmt.run(parameters),
    *iterate(parameters) {
      for (const values of stmt.iterate(parameters) as IterableIterator<unknown[]>) yield objectOf(values);
    },
  };
}

/**
 * A function making the row object of one statement's values: an object literal with its column names (as
 * JSON string literals), so every row of the statement has one shape built at once. A loop assigning
 * `row[name]` was as slow as better-sqlite3 once many statements shared it (its stores turned megamorphic).
 */
function rowMaker(names: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  const properties = names.map((name, index) => `${JSON.stringify(name)}: values[${index}]`);
  return new Function('values', `return { ${properties.join(', ')} };`) as (
    values: unknown[],
  ) => Record<string, unknown>;
}
