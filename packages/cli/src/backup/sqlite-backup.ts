/** Backup and restore of the SQLite files of a data dir, through SQLite's online backup API. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  backupSqliteFile,
  SQLITE_SUFFIX,
  sqliteFiles,
  sqliteProblems,
  WORKSPACE_NAME,
} from '@tessera/engine';
import { CliError } from '../errors.js';
import { copyIntoPlace } from './data-dir-files.js';
import { workspaceFile } from './manifest.js';

/** Refuses a copy that SQLite's own checks find fault with: better no backup than a broken one. */
function checked(file: string, what: string): void {
  const problems = sqliteProblems(file);
  if (problems.length) throw new CliError(`${what} fails SQLite's integrity check:`, problems.slice(0, 20));
}

/** Backs up every `*.sqlite` of the data dir: workspaces, and any other database of the platform. */
export async function backupSqliteDataDir(dataDir: string, out: string) {
  const workspaces: string[] = [];
  const databases: string[] = [];
  for (const file of sqliteFiles(dataDir)) {
    const name = file.slice(0, -SQLITE_SUFFIX.length);
    const isWorkspace = WORKSPACE_NAME.test(name);
    const target = join(out, isWorkspace ? workspaceFile('sqlite', name) : join('databases', file));
    await backupSqliteFile(join(dataDir, file), target);
    checked(target, `the backup of ${file}`);
    (isWorkspace ? workspaces : databases).push(isWorkspace ? name : file);
  }
  return { workspaces, databases };
}

/**
 * Puts a backed-up database file in place, checked before it replaces anything. The companion files of a
 * replaced one go first: SQLite would otherwise apply the old file's log to the new one.
 */
export function restoreSqliteFile(from: string, to: string): void {
  copyIntoPlace(from, to, (copy) => {
    checked(copy, `the backup's ${from}`);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${to}${suffix}`, { force: true });
  });
}
