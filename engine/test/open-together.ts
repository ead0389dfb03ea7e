/**
 * Several processes opening one workspace at the same moment: each child loads first (seconds of compiling),
 * and only when all are loaded are they told to open, so their opens overlap instead of following each other.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StorageOptions } from '../src/storage/open-storage.js';

const SCRIPT = fileURLToPath(new URL('./open-workspace-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What each process found recorded after its open; rejects with a process's stderr if one failed. */
export async function openTogether(options: StorageOptions, processes: number): Promise<unknown[]> {
  const children = Array.from({ length: processes }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.startsWith('ready\n')) resolve();
      }),
    );
    const exited = new Promise<unknown>((resolve, reject) =>
      // 'close', not 'exit': by then all of its output has been read.
      child.on('close', (code) => {
        const answer = stdout.slice('ready\n'.length);
        if (code === 0 && answer) resolve(JSON.parse(answer));
        else reject(new Error(`opening process exited with ${code}: ${stderr}`));
      }),
    );
    return { child, ready: Promise.race([ready, exited.then(() => {})]), exited };
  });
  try {
    await Promise.all(children.map((c) => c.ready));
  } catch (error) {
    // One failed to load: the others would wait for their cue for ever.
    for (const { child, exited } of children) {
      exited.catch(() => {});
      child.kill();
    }
    throw error;
  }
  for (const { child } of children) child.stdin.write('go\n');
  return Promise.all(children.map((c) => c.exited));
}
