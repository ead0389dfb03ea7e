/**
 * Notices commits made to an SQLite file by other connections (a CLI deploy, a second server), as LISTEN/NOTIFY
 * does on PostgreSQL. `PRAGMA data_version` changes exactly when another connection has committed; reading it
 * is a few microseconds, so it is polled, and only while someone listens.
 */
import type Database from 'better-sqlite3';

/** Another process's commit is noticed within this long (the server serves a deploy within a second). */
export const COMMIT_POLL_MS = 250;

export function commitWatcher(raw: Database.Database) {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let seen = 0;
  const dataVersion = () => raw.pragma('data_version', { simple: true }) as number;
  const poll = () => {
    if (!raw.open) return;
    const now = dataVersion();
    if (now === seen) return;
    seen = now;
    for (const listener of listeners) listener();
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!timer) {
        seen = dataVersion();
        timer = setInterval(poll, COMMIT_POLL_MS);
        // Never what keeps a process alive: a CLI command ends when its work does.
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (!listeners.size) stop();
      };
    },
    stop() {
      listeners.clear();
      stop();
    },
  };
}
