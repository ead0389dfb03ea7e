/**
 * The PostgreSQL database as a whole, beyond one workspace's schema: which workspaces it holds, and what
 * a backup of them needs (one snapshot for every workspace, the server's version, replacing a schema).
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { AnyDb } from '../storage.js';
import { enableTrigrams } from './trigram-extension.js';

/** Runs `fn` on one connection to the database, closed afterwards. */
export async function withPostgresDatabase<T>(url: string, fn: (db: AnyDb) => Promise<T>): Promise<T> {
  const db: AnyDb = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** The schema names starting with `ws_`, sorted. */
export async function workspaceSchemas(db: AnyDb): Promise<string[]> {
  const rows = await db
    .selectFrom('information_schema.schemata')
    .select('schema_name')
    .where('schema_name', 'like', 'ws\\_%')
    .orderBy('schema_name')
    .execute();
  return rows.map((r) => String(r.schema_name));
}

/** The server's major version (15 for 15.4). */
export async function serverMajorVersion(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
  return Math.floor(Number(rows[0]?.v) / 10_000);
}

/**
 * Runs `fn` while a repeatable-read transaction holds a snapshot other sessions can adopt (`pg_dump
 * --snapshot=<id>`): every workspace dumped with it shows the database at the same instant.
 */
export function withExportedSnapshot<T>(db: AnyDb, fn: (snapshot: string) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      return fn(String(rows[0]?.id));
    });
}

/**
 * Runs `restore`, which makes the workspace's schema anew. A schema the workspace has now is set aside
 * meanwhile: dropped once `restore` succeeded, put back if it failed, so a failed restore loses nothing. The
 * database first gets the extensions a workspace's schema uses (a dump names them, it does not hold them).
 */
export async function replacingWorkspaceSchema(
  url: string,
  workspace: string,
  restore: () => Promise<void>,
): Promise<void> {
  const schema = `ws_${workspace}`;
  const aside = `tessera_replaced_${workspace}`;
  const rename = (from: string, to: string) => (db: AnyDb) =>
    sql`alter schema ${sql.id(from)} rename to ${sql.id(to)}`.execute(db);
  const setAside = await withPostgresDatabase(url, async (db) => {
    await db.transaction().execute(enableTrigrams);
    if (!(await workspaceSchemas(db)).includes(schema)) return false;
    await rename(schema, aside)(db);
    return true;
  });
  try {
    await restore();
  } catch (e) {
    if (setAside) await withPostgresDatabase(url, rename(aside, schema));
    throw e;
  }
  if (setAside) await withPostgresDatabase(url, (db) => db.schema.dropSchema(aside).cascade().execute());
}
