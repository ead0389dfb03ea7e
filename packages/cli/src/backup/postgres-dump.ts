/**
 * PostgreSQL workspaces are backed up with the PostgreSQL client tools: `pg_dump` (custom format, one file
 * per workspace schema, all from one snapshot) and `pg_restore`. They come from PATH, or from the folder
 * `TESSERA_PG_BIN` names (e.g. /usr/lib/postgresql/16/bin); pg_dump must be at least the server's major
 * version. The password of DATABASE_URL goes to them in PGPASSWORD, never on a command line others can see.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { serverMajorVersion, withExportedSnapshot, withPostgresDatabase } from '@tessera/engine';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';

type Tool = 'pg_dump' | 'pg_restore';

/** The connection for the tools: the URL without its password, and the password in their environment. */
function connection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    dbname: url.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function run(io: Io, tool: Tool, args: string[], databaseUrl?: string): Promise<string> {
  const command = io.env.TESSERA_PG_BIN ? join(io.env.TESSERA_PG_BIN, tool) : tool;
  const { dbname, env } = databaseUrl ? connection(databaseUrl) : { dbname: undefined, env: process.env };
  return new Promise((resolve, reject) => {
    const child = spawn(command, dbname ? [...args, `--dbname=${dbname}`] : args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('error', (e) =>
      reject(
        (e as { code?: string }).code === 'ENOENT'
          ? new CliError(
              `${command} was not found: install the PostgreSQL client tools (Debian: postgresql-client-<server major version>), or set TESSERA_PG_BIN to the folder that holds ${tool}`,
            )
          : e,
      ),
    );
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new CliError(`${tool} failed (exit code ${code}):`, err.trim().split('\n').slice(-20)));
    });
  });
}

/** pg_dump's version, e.g. "15.20", checked to be able to dump a server of the given major version. */
async function pgDumpVersion(io: Io, serverMajor: number): Promise<string> {
  const text = await run(io, 'pg_dump', ['--version']);
  const version = /(\d+)(?:\.(\d+))?/.exec(text)?.[0] ?? '';
  if (!(Number.parseInt(version, 10) >= serverMajor))
    throw new CliError(
      `pg_dump ${version || '(unknown version)'} cannot dump a PostgreSQL ${serverMajor} server: install pg_dump ${serverMajor} or newer (postgresql-client-${serverMajor}), or set TESSERA_PG_BIN to its folder`,
    );
  return version;
}

/** Dumps each workspace's schema to `fileOf(name)`, every one from the same snapshot of the database. */
export async function dumpWorkspaces(
  io: Io,
  databaseUrl: string,
  workspaces: readonly string[],
  fileOf: (workspace: string) => string,
): Promise<{ server: number; pgDump: string }> {
  return withPostgresDatabase(databaseUrl, async (db) => {
    const server = await serverMajorVersion(db);
    const pgDump = await pgDumpVersion(io, server);
    await withExportedSnapshot(db, async (snapshot) => {
      for (const name of workspaces) {
        io.err(`Dumping workspace "${name}" (schema ws_${name})…`);
        await run(
          io,
          'pg_dump',
          [
            '--format=custom',
            '--no-owner',
            '--no-privileges',
            `--schema=ws_${name}`,
            `--snapshot=${snapshot}`,
            `--file=${fileOf(name)}`,
          ],
          databaseUrl,
        );
      }
    });
    return { server, pgDump };
  });
}

/** Restores one workspace's dump into the database, all or nothing. */
export async function restoreDump(io: Io, databaseUrl: string, file: string): Promise<void> {
  await run(
    io,
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file],
    databaseUrl,
  );
}
