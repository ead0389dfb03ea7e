/**
 * Kysely prepares a statement for every query it runs on better-sqlite3. Preparing costs as much as running a
 * small insert, so this wrapper keeps prepared statements by SQL text: the same compiled query is prepared
 * once. SQLite re-prepares a cached statement by itself when the schema changes under it.
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
        stmt = db.prepare(sql) as unknown as SqliteStatement;
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, stmt);
      return stmt;
    },
  };
}
