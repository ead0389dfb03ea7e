/**
 * Checkpoints of the workspaces' SQLite write-ahead logs, run on one worker thread for the process. A
 * checkpoint copies the log into the database file; after a large transaction (a package install with its
 * seed data) that is seconds of I/O, which on the writer's own connection (SQLite's automatic checkpoint runs
 * in the commit) would stop the event loop, and every request with it, just as the transaction ends.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often each open workspace's log is checkpointed; a checkpoint with nothing to copy costs next to nothing. */
const INTERVAL_MS = 1000;

// A worker's own connection per file, opened on first use. PASSIVE never waits for readers or writers.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = new Map();
parentPort.on('message', ({ file, close }) => {
  if (close) {
    open.get(file)?.close();
    open.delete(file);
    return;
  }
  try {
    if (!open.has(file)) open.set(file, new Database(file, { fileMustExist: true }));
    open.get(file).pragma('wal_checkpoint(PASSIVE)');
  } catch {}
});
`;

let worker: Worker | undefined;

/** Starts checkpointing `file` in the background; answers the function that stops it. */
export function checkpointInBackground(file: string): () => void {
  worker ??= new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  // Never what keeps the process alive.
  worker.unref();
  const timer = setInterval(() => worker?.postMessage({ file }), INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    worker?.postMessage({ file, close: true });
  };
}
