/**
 * Wakes this process's workers when it has queued jobs, so a delivery does not wait for the next poll. The
 * signal comes from inside the write's transaction, before its commit: a worker it wakes looks again shortly
 * after (see JobWorker.wake), and the poll covers whatever that still misses.
 */
const listeners = new Set<() => void>();

export function onEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signalEnqueued(): void {
  for (const listener of listeners) listener();
}
