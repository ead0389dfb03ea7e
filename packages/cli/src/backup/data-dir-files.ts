/**
 * The plain files of a data dir besides its databases (today the platform admin token's hash): a backup
 * copies them as they are. SQLite's companion files are no such files: the backup API reads through them.
 */
import { copyFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_SUFFIX } from '@tessera/engine';

const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'].map((s) => `${SQLITE_SUFFIX}${s}`);

export function plainFiles(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((f) => !f.endsWith(SQLITE_SUFFIX) && !SQLITE_COMPANIONS.some((s) => f.endsWith(s)))
    .filter((f) => statSync(join(dataDir, f)).isFile())
    .sort();
}

/**
 * Copies `from` to `to` through a temporary name beside it, so `to` is never seen half-written; `beforeRename`
 * runs on the complete copy before it takes the place (and may refuse it).
 */
export function copyIntoPlace(from: string, to: string, beforeRename?: (copy: string) => void): void {
  const temporary = `${to}.restoring`;
  copyFileSync(from, temporary);
  try {
    beforeRename?.(temporary);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
  renameSync(temporary, to);
}
