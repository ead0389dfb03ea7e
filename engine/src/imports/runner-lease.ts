/**
 * Who holds a running import, told without a write. An atomic import on SQLite holds the database's one write
 * lock for as long as it runs, so it cannot refresh its heartbeat; another process (a server beside the CLI) that
 * judged it by its heartbeat alone would think it crashed after `staleMs`. So a runner's name says which process
 * on which machine it is: a process on this machine that is still alive — the same process, not a later one that
 * got its pid — holds its import whatever its heartbeat says. A name that tells nothing (another machine, an old
 * name) leaves it to the heartbeat.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** When a process started, in clock ticks since boot (Linux: /proc/<pid>/stat); 0 where that cannot be read. */
function startTicks(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]) || 0;
  } catch {
    return 0;
  }
}

const HOST = hostname().replace(/[:\s]/g, '_');
const SELF = `${HOST}:${process.pid}:${startTicks('self')}`;

/** A new runner's name: `<kind>:<host>:<pid>:<start>:<uuid>`. */
export const runnerName = (kind: string): string => `${kind}:${SELF}:${randomUUID()}`;

/** Whether the process a runner's name names is alive: true or false on this machine, undefined when it cannot tell. */
export function holderAlive(runner: string | null): boolean | undefined {
  const parts = runner?.split(':');
  if (parts?.length !== 5 || parts[1] !== HOST) return undefined;
  const pid = Number(parts[2]);
  const started = Number(parts[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A pid is reused once its process is gone: the same pid started at another time is another process.
  return !started || startTicks(pid) === started;
}
