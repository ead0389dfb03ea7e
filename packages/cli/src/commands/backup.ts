/** `tessera backup --out <dir>`: every workspace of the data dir or database, consistent while servers write. */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listWorkspaces } from '@tessera/engine';
import { plainFiles } from '../backup/data-dir-files.js';
import { MANIFEST_FILE, workspaceFile, writeManifest } from '../backup/manifest.js';
import { dumpWorkspaces } from '../backup/postgres-dump.js';
import { backupSqliteDataDir } from '../backup/sqlite-backup.js';
import { argsOrHelp, type Command } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera backup --out <dir>

Backs up every workspace into <dir> (a new or empty folder), while servers keep running and writing:
  SQLite      every *.sqlite file of the data dir (the workspaces, and any other database of the platform)
              through SQLite's online backup API, each one snapshot that includes what is still in its
              write-ahead log, then checked with SQLite's integrity check. Never copy the files by hand
              while a server runs: committed data may still sit in the -wal file.
  PostgreSQL  every workspace schema (ws_<name>) with pg_dump, all from one snapshot of the database.
              Needs pg_dump of the server's major version or newer, on PATH or in TESSERA_PG_BIN.
Other files of the data dir (the platform admin token's hash) are copied as they are. The manifest
${MANIFEST_FILE} is written last: a folder without it is no complete backup. Restore with tessera restore.

Options:
  -o, --out <dir>   the folder to write the backup to
  -h, --help        show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL),
TESSERA_PG_BIN (the folder of pg_dump, when not on PATH).`;

function emptyFolder(dir: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
  if (entries.length) throw new CliError(`${dir} is not empty: a backup goes into a new or empty folder`);
  for (const sub of ['workspaces', 'databases', 'files']) mkdirSync(join(dir, sub), { recursive: true });
}

async function backupInto(out: string, io: Io) {
  const env = workspaceEnv(io);
  const location = { dataDir: env.dataDir, ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : {}) };
  const dialect = env.databaseUrl ? ('postgres' as const) : ('sqlite' as const);
  const names = await listWorkspaces(location);
  if (!names.length)
    throw new CliError(
      `there is no workspace to back up in ${env.databaseUrl ? 'the database of DATABASE_URL' : env.dataDir}`,
    );
  const stored = env.databaseUrl
    ? {
        workspaces: names,
        databases: [],
        postgres: await dumpWorkspaces(io, env.databaseUrl, names, (w) =>
          join(out, workspaceFile(dialect, w)),
        ),
      }
    : await backupSqliteDataDir(env.dataDir, out);
  const files = plainFiles(env.dataDir);
  for (const file of files) copyFileSync(join(env.dataDir, file), join(out, 'files', file));
  writeManifest(out, { createdAt: new Date().toISOString(), dialect, ...stored, files });
  return { ...stored, files };
}

export const backup: Command = {
  name: 'backup',
  summary: 'back up every workspace into a folder, while servers run',
  usage,
  async run(args, io) {
    const parsed = argsOrHelp(args, { out: { type: 'string', short: 'o' } }, usage, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.out) throw new UsageError('--out <dir> is required: the folder to write the backup to');
    const out = resolve(io.cwd, values.out);
    emptyFolder(out);
    try {
      const done = await backupInto(out, io);
      io.out(`Backed up ${done.workspaces.length} workspace(s) to ${out}: ${done.workspaces.join(', ')}`);
      if (done.databases.length) io.out(`Other databases: ${done.databases.join(', ')}`);
      if (done.files.length) io.out(`Other files: ${done.files.join(', ')}`);
      return EXIT.ok;
    } catch (error) {
      // Half a backup is none: the folder goes, so nobody restores from it.
      rmSync(out, { recursive: true, force: true });
      throw error;
    }
  },
};
