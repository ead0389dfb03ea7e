/** The workspaces that exist at a storage location: SQLite files in the data dir, or PostgreSQL schemas. */
import { readdirSync } from 'node:fs';
import { type StorageOptions, WORKSPACE_NAME } from './open-storage.js';
import { withPostgresDatabase, workspaceSchemas } from './postgres/postgres-database.js';

export const SQLITE_SUFFIX = '.sqlite';

/** Workspace names, sorted. A data dir that does not exist holds none. */
export async function listWorkspaces(location: Omit<StorageOptions, 'workspace'>): Promise<string[]> {
  const names = location.databaseUrl
    ? (await withPostgresDatabase(location.databaseUrl, workspaceSchemas)).map((s) => s.slice('ws_'.length))
    : sqliteFiles(location.dataDir).map((f) => f.slice(0, -SQLITE_SUFFIX.length));
  return names.filter((name) => WORKSPACE_NAME.test(name)).sort();
}

/** The `*.sqlite` files of a data dir (workspaces, and any other database of the platform). */
export function sqliteFiles(dataDir: string): string[] {
  try {
    return readdirSync(dataDir).filter((f) => f.endsWith(SQLITE_SUFFIX));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
}
