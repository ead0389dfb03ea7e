/**
 * `tessera-backup.json`, the manifest of a backup folder: what made it, on which dialect, and which files it
 * holds. A restore reads nothing the manifest does not name, and names come from workspace names, never
 * from paths in the manifest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type DialectName, WORKSPACE_NAME } from '@tessera/engine';
import { CliError } from '../errors.js';

export const MANIFEST_FILE = 'tessera-backup.json';
const FORMAT = 'tessera-backup';
/** Raised when the layout of a backup folder changes; a restore refuses versions it does not know. */
export const FORMAT_VERSION = 1;

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  dialect: DialectName;
  /** The workspaces, each in `workspaces/<name>.sqlite` (SQLite) or `workspaces/<name>.dump` (pg_dump). */
  workspaces: string[];
  /** Other SQLite databases of the data dir (the platform's own), each in `databases/<file>`. */
  databases: string[];
  /** Other files of the data dir (e.g. the platform admin token's hash), each in `files/<file>`. */
  files: string[];
  /** PostgreSQL only: the versions that made the dumps, for whoever restores them elsewhere. */
  postgres?: { server: number; pgDump: string };
}

export const workspaceFile = (dialect: DialectName, name: string) =>
  join('workspaces', `${name}.${dialect === 'sqlite' ? 'sqlite' : 'dump'}`);

export function writeManifest(dir: string, manifest: Omit<BackupManifest, 'format' | 'formatVersion'>) {
  const full: BackupManifest = { format: FORMAT, formatVersion: FORMAT_VERSION, ...manifest };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(full, null, 2)}\n`);
}

const isPlainName = (name: unknown): name is string =>
  typeof name === 'string' && name !== '' && basename(name) === name && name !== '.' && name !== '..';

/** The manifest of the backup in `dir`, checked against the folder; every refusal says what is wrong. */
export function readManifest(dir: string): BackupManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new CliError(`${dir} is not a Tessera backup: it has no ${MANIFEST_FILE}`);
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const wrong = (what: string) => new CliError(`${file}: ${what}`);
  if (typeof m !== 'object' || m === null || m.format !== FORMAT)
    throw wrong(`not a Tessera backup manifest ("format" must be "${FORMAT}")`);
  if (m.formatVersion !== FORMAT_VERSION)
    throw wrong(
      typeof m.formatVersion === 'number' && m.formatVersion > FORMAT_VERSION
        ? `format version ${m.formatVersion} was made by a newer Tessera; this one restores version ${FORMAT_VERSION}`
        : `unknown format version ${JSON.stringify(m.formatVersion)}; this Tessera restores version ${FORMAT_VERSION}`,
    );
  if (m.dialect !== 'sqlite' && m.dialect !== 'postgres')
    throw wrong(`"dialect" must be "sqlite" or "postgres", not ${JSON.stringify(m.dialect)}`);
  if (!Array.isArray(m.workspaces) || m.workspaces.length === 0)
    throw wrong('"workspaces" must list at least one workspace');
  for (const name of m.workspaces)
    if (typeof name !== 'string' || !WORKSPACE_NAME.test(name))
      throw wrong(`${JSON.stringify(name)} is not a workspace name`);
  for (const key of ['databases', 'files'] as const) {
    if (!Array.isArray(m[key])) throw wrong(`"${key}" must be a list of file names`);
    for (const name of m[key] as unknown[])
      if (!isPlainName(name)) throw wrong(`${JSON.stringify(name)} in "${key}" is not a plain file name`);
  }
  const manifest = m as BackupManifest;
  const missing = [
    ...manifest.workspaces.map((w) => workspaceFile(manifest.dialect, w)),
    ...manifest.databases.map((f) => join('databases', f)),
    ...manifest.files.map((f) => join('files', f)),
  ].filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new CliError(`the backup in ${dir} is incomplete: missing ${missing.join(', ')}`);
  return manifest;
}
