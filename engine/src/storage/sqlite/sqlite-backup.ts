/**
 * Copies of SQLite files that are consistent while another process writes to them. Copying the file itself
 * is not: committed transactions may still sit in its write-ahead log (`-wal`), which the copy would miss.
 * SQLite's online backup API reads through the log, as any reader does.
 */
import Database from 'better-sqlite3';

/**
 * Copies `source` to `target` (a new file) as one snapshot. All pages go in one step, inside one read
 * transaction: in WAL mode that never blocks the writers, and a write in between cannot make the backup
 * start over (which, with a busy writer and the default small steps, it could do again and again).
 */
export async function backupSqliteFile(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(target, { progress: ({ totalPages }) => Math.max(totalPages, 1) });
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; a backup is better one self-contained file (a workspace sets WAL on opening).
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** What SQLite's own checks find wrong with a database file: none when it is sound. */
export function sqliteProblems(file: string): string[] {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((line) => line !== 'ok');
    const references = (db.pragma('foreign_key_check') as { table: string; parent: string }[]).map(
      (r) => `a row of "${r.table}" names a missing "${r.parent}" record`,
    );
    return [...integrity, ...references];
  } finally {
    db.close();
  }
}
