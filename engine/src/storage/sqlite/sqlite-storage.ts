/**
 * A workspace in one SQLite file: WAL, foreign keys on, prepared statements cached, and two connections (see
 * read-write-driver.ts): reads outside transactions never wait for a long transaction to end.
 */
import Database from 'better-sqlite3';
import { Kysely, type SqlBool, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import { TesseraError } from '../../errors.js';
import type { AnyDb, ConstraintViolation, Storage } from '../storage.js';
import { commitWatcher } from './commit-watcher.js';
import { ReadWriteDriver } from './read-write-driver.js';
import { foreignKeyProblems, sqliteSchemaEditor } from './sqlite-schema-editor.js';
import { withStatementCache } from './statement-cache.js';
import { checkpointInBackground } from './wal-checkpointer.js';

export function openSqliteStorage(file: string): Storage {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Checkpoints run on a worker thread instead of inside commits (see wal-checkpointer.ts).
  raw.pragma('wal_autocheckpoint = 0');
  const stopCheckpoints = checkpointInBackground(file);
  const reader = new Database(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const driver = new ReadWriteDriver(withStatementCache(raw), withStatementCache(reader));
  const db: AnyDb = new Kysely({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
    },
  });
  const commits = commitWatcher(raw);

  return {
    dialect: 'sqlite',
    db,
    location: file,
    // Foreign keys can only be switched off outside a transaction, and must be for the table rebuild; the
    // transaction is IMMEDIATE so a concurrent writer waits instead of failing halfway.
    migrate: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`pragma foreign_keys = off`.execute(conn);
        try {
          await beginImmediate(conn);
          try {
            const rebuilt = new Set<string>();
            const result = await fn(conn, sqliteSchemaEditor(conn, rebuilt));
            const problems = await foreignKeyProblems(conn, rebuilt);
            if (problems.length)
              throw new TesseraError(
                'reference_violation',
                `the change would leave ${problems.length} broken references (first in "${problems[0]?.table}" to "${problems[0]?.parent}")`,
              );
            await sql`commit`.execute(conn);
            return result;
          } catch (e) {
            await sql`rollback`.execute(conn);
            throw e;
          }
        } finally {
          await sql`pragma foreign_keys = on`.execute(conn);
        }
      }),
    transaction: (fn) => db.transaction().execute(fn),
    // One writer, and a migration holds it for its whole transaction: nothing can overlap.
    writeTransaction: (fn) => db.transaction().execute(fn),
    writeColumn: async (trx, table, column, rows) => {
      for (const [id, value] of rows)
        await trx
          .updateTable(table)
          .set({ [column]: value })
          .where('id', '=', id)
          .execute();
    },
    violation: sqliteViolation,
    // Any other connection's commit may be a migration (a CLI deploy, another server): the listener checks.
    onMigration: (listener) => commits.subscribe(listener),
    // A bounded sample per index keeps ANALYZE quick on big tables; 0x10002 also checks never-analyzed tables.
    // On the writer in its turn, never inside another caller's open transaction.
    optimize: () =>
      db.connection().execute(async (conn) => {
        await sql`pragma analysis_limit = 1000`.execute(conn);
        await sql`pragma optimize = 0x10002`.execute(conn);
      }),
    // better-sqlite3 prepares in microseconds and SQLite plans as it prepares: nothing to keep.
    prepare: () => {},
    arrayContains: (column, value) =>
      sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}) where value = ${value})`,
    oneOf: (column, values) =>
      sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`,
    close: () => {
      commits.stop();
      stopCheckpoints();
      return db.destroy();
    },
  };
}

const BUSY_WAIT_MS = 10_000;

/**
 * Takes the write lock, waiting asynchronously while another connection holds it. SQLite's own busy timeout
 * would block the thread, and with it whatever else this process is doing, including the holder's own work.
 */
async function beginImmediate(conn: AnyDb): Promise<void> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    for (;;) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  } finally {
    await sql`pragma busy_timeout = 5000`.execute(conn);
  }
}

function sqliteViolation(error: unknown): ConstraintViolation | undefined {
  const e = error as { code?: string; message?: string };
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: equipment_asset.serial_no"
    const column = /failed: [^.]+\.(\S+)/.exec(e.message ?? '')?.[1];
    return { kind: 'unique', ...(column ? { column } : {}) };
  }
  // ON DELETE RESTRICT is enforced like a trigger and reported as one.
  if (
    e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    (e?.code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY/.test(e.message ?? ''))
  )
    return { kind: 'foreign_key' };
  return undefined;
}
