/**
 * The CLI, in a child process or in this one, on a fresh storage location of either dialect: an SQLite data dir, or a new
 * PostgreSQL database (dropped afterwards), so commands that work on every workspace see only the test's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../../../engine/test/postgres-database.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/bin/tessera.js');
/** A small package of the CLI's own, relative to ROOT (the working directory of `tessera` in tests). */
export const EXAMPLE = 'packages/cli/fixtures/equipment';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Location {
  dataDir: string;
  databaseUrl?: string;
  /** The environment of a CLI or server process on this location. */
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/** A new, empty location: a temporary data dir, and on PostgreSQL also a database of its own. */
export async function freshLocation(dialect: 'sqlite' | 'postgres'): Promise<Location> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TESSERA_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.TESSERA_WORKSPACE;
  if (dialect === 'sqlite')
    return { dataDir, env, remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const database = await createTestDatabase();
  return {
    dataDir,
    databaseUrl: database.url,
    env: { ...env, DATABASE_URL: database.url },
    remove: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

/** Runs `tessera <args>` without a terminal; the test's event loop keeps running meanwhile. */
export function tessera(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * An Io without a terminal that keeps the lines a command prints; `extra` gives it a byte stdout (absent: the
 * command has only lines) or a way to be stopped.
 */
export function capturingIo(env: NodeJS.ProcessEnv, extra: Pick<Io, 'stdout' | 'untilStopped'> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    errIsTerminal: false,
    confirm: async () => false,
    ...extra,
    env,
    cwd: ROOT,
  };
  return { io, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}

/** Runs `tessera <args>` in this process (quicker than a child), without a terminal. */
export async function tesseraHere(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliResult> {
  const { io, stdout, stderr } = capturingIo(env);
  const code = await main(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/**
 * `tessera start` in this process, once it serves (everything it prints before it waits to be stopped is out):
 * its base URL, its output so far, and a stop as SIGTERM would make it, resolving to its exit code.
 */
export async function startHere(env: NodeJS.ProcessEnv) {
  let stop: (signal: string) => void = () => {};
  let serving: () => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const ready = new Promise<void>((resolve) => {
    serving = resolve;
  });
  const { io, stdout, stderr } = capturingIo(env, {
    untilStopped: () => {
      serving();
      return stopped;
    },
  });
  const exited = main(['start'], io);
  await Promise.race([
    ready,
    exited.then((code) => {
      throw new Error(`start exited with ${code}: ${stdout()}\n${stderr()}`);
    }),
  ]);
  const base = /API docs {2}(http:\/\/\S+)\/docs/.exec(stdout())?.[1] as string;
  return {
    base,
    get stdout() {
      return stdout();
    },
    stderr,
    stop() {
      stop('SIGTERM');
      return exited;
    },
  };
}
