import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { holderAlive, runnerName } from './runner-lease.js';

describe("a running import's holder, told without a write", () => {
  it('is alive while its process is, and known dead once it is gone', () => {
    const mine = runnerName('imports');
    expect(mine).toMatch(/^imports:[^:]+:\d+:\d+:[0-9a-f-]{36}$/);
    expect(holderAlive(mine)).toBe(true);
    const [kind, host, , started, id] = mine.split(':');
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    expect(holderAlive([kind, host, gone, started, id].join(':'))).toBe(false);
    // This pid, but started at another time: a later process that got the pid of one that died.
    if (Number(started) > 0)
      expect(holderAlive([kind, host, process.pid, Number(started) + 1, id].join(':'))).toBe(false);
  });

  it('cannot tell for another machine or a name without a process: the heartbeat decides', () => {
    expect(holderAlive(null)).toBeUndefined();
    expect(holderAlive('dead')).toBeUndefined();
    expect(holderAlive(`imports:not-${hostname()}:${process.pid}:0:x`)).toBeUndefined();
  });
});
