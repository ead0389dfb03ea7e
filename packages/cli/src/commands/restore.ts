/** `tessera restore <dir>`: puts a backup made by tessera backup back, into an empty data dir or database. */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listWorkspaces, replacingWorkspaceSchema } from '@tessera/engine';
import { copyIntoPlace } from '../backup/data-dir-files.js';
import { type BackupManifest, MANIFEST_FILE, readManifest, workspaceFile } from '../backup/manifest.js';
import { restoreDump } from '../backup/postgres-dump.js';
import { restoreSqliteFile } from '../backup/sqlite-backup.js';
import { argsOrHelp, type Command } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { describeLocation, type WorkspaceEnv, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera restore <dir> [--force]

Restores the backup in <dir> (made by tessera backup) into the data dir (SQLite) or the database of
DATABASE_URL (PostgreSQL): every workspace it holds, the platform's other databases and files. The backup's
${MANIFEST_FILE} is checked first (format version, dialect, the files it names); then each workspace is
opened and, on SQLite, checked with SQLite's integrity check.

Refused when the target already holds a workspace, or a file the backup would write, unless --force: then
the backup's workspaces and files replace those of the same name (others are left as they are); one that
fails to restore leaves the one it was to replace as it was. Stop every server of the data dir or database
before restoring.

Options:
  -f, --force   replace what is there
  -h, --help    show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL),
TESSERA_PG_BIN (the folder of pg_restore, when not on PATH).`;

const DIALECT_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** What of the target the restore would overwrite. */
async function occupied(manifest: BackupManifest, env: WorkspaceEnv): Promise<string[]> {
  const location = { dataDir: env.dataDir, ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : {}) };
  const taken = (await listWorkspaces(location)).map((w) => `workspace "${w}"`);
  for (const file of [...manifest.databases, ...manifest.files])
    if (existsSync(join(env.dataDir, file))) taken.push(`file ${file}`);
  return taken;
}

async function restoreWorkspaces(dir: string, manifest: BackupManifest, env: WorkspaceEnv, io: Io) {
  const { databaseUrl } = env;
  for (const name of manifest.workspaces) {
    const from = join(dir, workspaceFile(manifest.dialect, name));
    io.err(`Restoring workspace "${name}"…`);
    if (!databaseUrl) {
      restoreSqliteFile(from, join(env.dataDir, `${name}.sqlite`));
      continue;
    }
    await replacingWorkspaceSchema(databaseUrl, name, () => restoreDump(io, databaseUrl, from));
  }
  for (const file of manifest.databases)
    restoreSqliteFile(join(dir, 'databases', file), join(env.dataDir, file));
  for (const file of manifest.files) copyIntoPlace(join(dir, 'files', file), join(env.dataDir, file));
}

export const restore: Command = {
  name: 'restore',
  summary: 'restore a backup made by tessera backup',
  usage,
  async run(args, io) {
    const parsed = argsOrHelp(args, { force: { type: 'boolean', short: 'f', default: false } }, usage, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError('name one backup folder');
    const dir = resolve(io.cwd, positionals[0] as string);
    const manifest = readManifest(dir);
    const env = workspaceEnv(io);
    const dialect = env.databaseUrl ? 'postgres' : 'sqlite';
    if (manifest.dialect !== dialect)
      throw new CliError(
        `the backup is of ${DIALECT_NAMES[manifest.dialect]}, the target is ${DIALECT_NAMES[dialect]}: ${
          manifest.dialect === 'sqlite'
            ? 'unset DATABASE_URL to restore into the data dir'
            : 'set DATABASE_URL to the PostgreSQL database to restore into'
        }`,
      );
    const taken = await occupied(manifest, env);
    if (taken.length && !values.force)
      throw new CliError(
        `the target is not empty (${env.databaseUrl ? 'the database of DATABASE_URL' : env.dataDir} holds ${taken.join(', ')}): restore into an empty one, or pass --force to replace what the backup holds`,
      );
    mkdirSync(env.dataDir, { recursive: true });
    await restoreWorkspaces(dir, manifest, env, io);
    // The proof that it worked: each workspace opens, with its metadata.
    for (const name of manifest.workspaces) {
      const target = { ...env, workspace: name };
      const version = await withWorkspace(target, async (ws) => ws.model.version);
      io.out(`Restored workspace "${name}" at metadata version ${version} (${describeLocation(target)}).`);
    }
    return EXIT.ok;
  },
};
