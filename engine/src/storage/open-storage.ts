/** Opens a workspace's storage from the environment's choices: `DATABASE_URL` or SQLite files in the data dir. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStorage } from './postgres/postgres-storage.js';
import { openSqliteStorage } from './sqlite/sqlite-storage.js';
import type { Storage } from './storage.js';

export interface StorageOptions {
  /** `postgres://…` for PostgreSQL; unset for SQLite files under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** The workspace's name: its SQLite file `<name>.sqlite`, or its PostgreSQL schema `ws_<name>`. */
  workspace: string;
}

export const WORKSPACE_NAME = /^[a-z][a-z0-9_]{0,40}$/;

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (!WORKSPACE_NAME.test(options.workspace))
    throw new Error(
      `workspace name "${options.workspace}" must be lower-case letters, digits and underscores`,
    );
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgresStorage(url, `ws_${options.workspace}`);
  if (url)
    throw new Error(
      `DATABASE_URL must start with postgres:// (or be unset for SQLite); got "${url.split(':')[0]}:…"`,
    );
  mkdirSync(options.dataDir, { recursive: true });
  return openSqliteStorage(join(options.dataDir, `${options.workspace}.sqlite`));
}
