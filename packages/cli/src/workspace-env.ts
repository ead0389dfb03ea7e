/**
 * The workspace a command works on, from the environment: data in `TESSERA_DATA_DIR` (default
 * `./.tessera`), `DATABASE_URL` unset for embedded SQLite or `postgres://…` for PostgreSQL. The CLI works on
 * the workspace named `default`, or the one `TESSERA_WORKSPACE` names.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORKSPACE_NAME, Workspace } from '@tessera/engine';
import { CliError, UsageError } from './errors.js';
import type { Io } from './io.js';

export const DEFAULT_WORKSPACE = 'default';

export interface WorkspaceEnv {
  dataDir: string;
  databaseUrl?: string;
  workspace: string;
}

/** The environment's storage; the workspace is `TESSERA_WORKSPACE`, else the given one, else `default`. */
export function workspaceEnv(io: Io, workspace?: string): WorkspaceEnv {
  const dataDir = resolve(io.cwd, io.env.TESSERA_DATA_DIR || '.tessera');
  const databaseUrl = io.env.DATABASE_URL || undefined;
  const name = workspace ?? (io.env.TESSERA_WORKSPACE || DEFAULT_WORKSPACE);
  if (!WORKSPACE_NAME.test(name))
    throw new UsageError(
      `workspace name "${name}" must be 1 to 41 lower-case letters, digits and underscores, from a letter`,
    );
  return { dataDir, workspace: name, ...(databaseUrl ? { databaseUrl } : {}) };
}

/** The SQLite file of the workspace, or undefined on PostgreSQL. */
export const sqliteFile = (env: WorkspaceEnv) =>
  env.databaseUrl ? undefined : join(env.dataDir, `${env.workspace}.sqlite`);

/** False only when the workspace surely does not exist yet: SQLite without its file. */
export function mayExist(env: WorkspaceEnv): boolean {
  const file = sqliteFile(env);
  return file === undefined || existsSync(file);
}

/** Where the data lives, for people: never the password of a database URL. */
export function describeLocation(env: WorkspaceEnv): string {
  const file = sqliteFile(env);
  if (file) return `SQLite file ${file}`;
  const url = new URL(env.databaseUrl as string);
  return `PostgreSQL schema "ws_${env.workspace}" in ${url.host}${url.pathname}`;
}

/** Why a PostgreSQL server refused or could not be reached, by the error's code (Node's or PostgreSQL's). */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections at that host and port',
  ENOTFOUND: 'there is no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  '28P01': 'the user name or password is not right',
  '28000': 'the server does not let this user connect',
  '3D000': 'the database does not exist',
};

/** A database that could not be reached, said with where (never the URL's password) and what to check. */
function unreachable(error: unknown, env: WorkspaceEnv): unknown {
  const reason = UNREACHABLE[(error as { code?: string })?.code ?? ''];
  if (!env.databaseUrl || !reason) return error;
  const url = new URL(env.databaseUrl);
  return new CliError(
    `cannot reach the PostgreSQL database of DATABASE_URL (${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname}): ${reason} (${(error as Error).message})`,
    [
      'check that PostgreSQL is running there and that DATABASE_URL is right: postgres://user:password@host:port/database',
      'or leave DATABASE_URL unset to use the embedded SQLite',
    ],
  );
}

export async function withWorkspace<T>(env: WorkspaceEnv, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await Workspace.open(env).catch((error) => {
    throw unreachable(error, env);
  });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}
