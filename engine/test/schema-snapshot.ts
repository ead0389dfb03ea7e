/** The physical schema of a workspace as text, so a test can assert that a failed migration changed nothing. */
import { sql } from 'kysely';
import type { Workspace } from '../src/index.js';

export async function schemaSnapshot(ws: Pick<Workspace, 'storage'>): Promise<string[]> {
  const db = ws.storage.db;
  if (ws.storage.dialect === 'sqlite') {
    const rows = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master order by type, name`.execute(db);
    return rows.rows.map((r) => `${r.type} ${r.name}: ${r.sql}`);
  }
  const columns = await sql<{ line: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as line
    from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(
    db,
  );
  const indexes = await sql<{ line: string }>`
    select indexdef as line from pg_indexes where schemaname = current_schema() order by indexname`.execute(
    db,
  );
  const constraints = await sql<{ line: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
    from pg_constraint where connamespace = current_schema()::regnamespace order by conname`.execute(db);
  return [...columns.rows, ...indexes.rows, ...constraints.rows].map((r) => r.line);
}

/** Every row of every platform and object table, in a stable order. */
export async function dataSnapshot(ws: Pick<Workspace, 'storage'>): Promise<Record<string, unknown[]>> {
  const db = ws.storage.db;
  const tables =
    ws.storage.dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' order by name`.execute(db)
        ).rows
      : (
          await sql<{ name: string }>`
          select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`.execute(
            db,
          )
        ).rows;
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = await db.selectFrom(name).selectAll().execute();
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * The part of the schema snapshot about the platform's own tables (`tessera_…`), without the schema's name, so
 * two workspaces' platform tables compare equal when they are made alike. An object's search index
 * (`tessera_search_<object id>`, search/search-tables.ts) belongs to the object, as its own table does: left out.
 */
export async function platformSchemaSnapshot(ws: Pick<Workspace, 'storage'>): Promise<string[]> {
  const lines = await schemaSnapshot(ws);
  return lines
    .map((line) => line.replace(/\bws_\w+\./g, ''))
    .filter((line) => /^(\w+ )?(sqlite_autoindex_)?tessera_/.test(line) || / ON tessera_/.test(line))
    .filter((line) => !OBJECT_SEARCH_INDEX.test(line));
}

const OBJECT_SEARCH_INDEX = /tessera_search_(?!index\b)/;
