/**
 * `tessera import` of a CSV file (10 columns, one lookup by a unique field) as a user runs it: the CLI in a
 * child process, streamed, scanned, validated, written in batches through the record pipeline, atomic (one
 * transaction). Measured: the rate the CLI reports (from the import's start to its end), the command's wall
 * time (process start included), and the child's peak RSS (VmHWM) and CPU time, read from /proc while it runs
 * (target 300 MB; CPU time says what the import costs when the machine is shared and wall time is noisy).
 * Compared in the same run with a raw bulk insert of the same file: csv-parse into one prepared
 * better-sqlite3 INSERT per row in one transaction, in this process. `BENCH_IMPORT_ROWS` sets the size
 * (default 1,000,000, the target).
 */

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { uuidv7 } from 'uuidv7';
import type { DialectName, DocumentSet, Workspace } from '../src/index.js';
import { atLeast, ms, type Quantity, type Result, rowsPerSecond, under } from './table.js';
import { time } from './timing.js';
import { type WorkspaceLocation, withWorkspace } from './workspaces.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ACCOUNTS = 1000;

const text = (maxLength = 120) => ({ type: 'string', maxLength, 'x-tessera': { field: 'text' } }) as const;
const DOCUMENTS: DocumentSet = {
  objects: [
    {
      type: 'object',
      'x-tessera': { apiName: 'bench_account', nameField: 'name' },
      properties: { name: text(), code: { ...text(20), 'x-tessera': { field: 'text', unique: true } } },
      required: ['name'],
    },
    {
      type: 'object',
      'x-tessera': { apiName: 'bench_contact', nameField: 'name' },
      properties: {
        name: text(),
        email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
        phone: text(40),
        city: text(),
        quantity: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
        amount: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
        since: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
        active: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
        notes: { type: 'string', maxLength: 4000, 'x-tessera': { field: 'textarea' } },
        account_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'lookup', target: 'bench_account' },
        },
      },
      required: ['name'],
    },
  ],
};
const HEADER = 'name,email,phone,city,quantity,amount,since,active,notes,account_id.code';

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < ROWS; i++) {
    const line = `Contact ${i},c${i}@example.com,+86 21 5555 ${i % 10000},Shanghai,${i % 500},${(i % 100000) / 100},2024-${1 + (i % 12)}-${1 + (i % 28)},${i % 2 ? 'true' : 'false'},"note ${i}, quoted",A${i % ACCOUNTS}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function prepare(ws: Workspace): Promise<void> {
  await ws.deploy(DOCUMENTS);
  await ws.records.insertMany(
    'bench_account',
    Array.from({ length: ACCOUNTS }, (_, i) => ({ name: `Account ${i}`, code: `A${i}` })),
  );
}

const CLI = fileURLToPath(new URL('../../packages/cli/bin/tessera.js', import.meta.url));
/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = 100;

interface CliImport {
  /** The rate the CLI reports: rows over the import's own time. */
  rate: Quantity;
  /** The whole command, process start and workspace opening included. */
  wallMs: number;
  /** Peak resident set size of the importing process; undefined where /proc is not there to tell. */
  rssMb?: number;
  cpuMs?: number;
}

/** The child's peak RSS and CPU time so far, from /proc (undefined once it has exited, or off Linux). */
async function usageOf(pid: number): Promise<{ rssMb: number; cpuMs: number } | undefined> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    // The fields after the command name (which may hold spaces) from the 3rd on: utime and stime are the 14th, 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!hwm) return undefined;
    return { rssMb: Number(hwm[1]) / 1024, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** `tessera import bench_contact <file>` in a child process, watched until it exits. */
async function cliImport(_ws: Workspace, path: string, where: WorkspaceLocation): Promise<CliImport> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'import', 'bench_contact', path, '--workspace', where.workspace],
    {
      env: {
        ...process.env,
        TESSERA_DATA_DIR: where.dataDir,
        DATABASE_URL: where.databaseUrl ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  let last: Awaited<ReturnType<typeof usageOf>>;
  const sampler = setInterval(async () => {
    last = (await usageOf(child.pid as number)) ?? last;
  }, 100);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  // "Import succeeded: bench_contact from bench.csv, 1,000,000 rows in 20.1 s (49,751 rows/s): 1,000,000 created, …"
  const summary = /(\d[\d,]*) rows in ([\d.]+) s .*: (\d[\d,]*) created/.exec(out);
  const created = Number(summary?.[3]?.replaceAll(',', ''));
  if (code !== 0 || !summary || created !== ROWS)
    throw new Error(`tessera import exited ${code}: ${out.trim()} ${err.trim().slice(-500)}`);
  return {
    rate: rowsPerSecond(ROWS, Number(summary[2]) * 1000),
    wallMs,
    ...(last ?? {}),
  };
}

/** The same file parsed and inserted row by row with one prepared statement in one transaction. */
async function rawImport(ws: Workspace, path: string): Promise<Quantity> {
  const db = new Database(ws.storage.location);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const accounts = new Map(
      (db.prepare('select id, code from bench_account').all() as { id: string; code: string }[]).map((a) => [
        a.code,
        a.id,
      ]),
    );
    const columns = [
      'id',
      'created_at',
      'updated_at',
      'version',
      'name',
      'email',
      'phone',
      'city',
      'quantity',
    ];
    const more = ['amount', 'since', 'active', 'notes', 'account_id'];
    const all = [...columns, ...more];
    const insert = db.prepare(
      `insert into bench_contact (${all.join(', ')}) values (${all.map(() => '?').join(', ')})`,
    );
    const { ms } = await time(async () => {
      const now = new Date().toISOString();
      db.exec('begin');
      for await (const r of createReadStream(path).pipe(parse({ from_line: 2 })) as AsyncIterable<string[]>)
        insert.run(
          uuidv7(),
          now,
          now,
          1,
          r[0],
          r[1],
          r[2],
          r[3],
          Number(r[4]),
          Math.round(Number(r[5]) * 100),
          r[6],
          r[7] === 'true' ? 1 : 0,
          r[8],
          accounts.get(r[9] as string),
        );
      db.exec('commit');
    });
    return rowsPerSecond(ROWS, ms);
  } finally {
    db.close();
  }
}

const onWorkspace = <T>(
  dialect: DialectName,
  fn: (ws: Workspace, path: string, where: WorkspaceLocation) => Promise<T>,
) =>
  withWorkspace(dialect, 'import', async (ws, where) => {
    await prepare(ws);
    // The file lives in a folder of its own, whatever the dialect's location looks like.
    const dir = await mkdtemp(join(tmpdir(), 'tessera-import-bench-'));
    try {
      const path = join(dir, 'bench.csv');
      await writeCsv(path);
      return await fn(ws, path, where);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

/** The rows of one dialect's CLI import: its rate against the target, and what the process cost. */
function cliRows(dialect: DialectName, run: CliImport, target: number, baseline?: Quantity): Result[] {
  const rows = ROWS.toLocaleString('en-US');
  const at = `tessera import of ${rows} CSV rows [${dialect}]`;
  return [
    {
      scenario: `${at}: 10 columns, 1 lookup by a unique field, atomic${baseline ? ' (baseline: raw csv-parse + better-sqlite3)' : ''}`,
      measured: run.rate,
      ...(baseline ? { baseline } : {}),
      target: atLeast(target, 'rows/s'),
    },
    { scenario: `${at}: the whole command (process start included)`, measured: ms(run.wallMs) },
    run.rssMb === undefined
      ? { scenario: `${at}: peak RSS of the importing process`, skipped: 'no /proc to read it from' }
      : {
          scenario: `${at}: peak RSS of the importing process`,
          measured: { value: run.rssMb, unit: 'MB' },
          target: under(300, 'MB'),
        },
    ...(run.cpuMs === undefined
      ? []
      : [{ scenario: `${at}: CPU time of the importing process`, measured: ms(run.cpuMs) }]),
  ];
}

export async function importScenario(postgresUnavailable: string | undefined): Promise<Result[]> {
  const raw = await onWorkspace('sqlite', rawImport);
  const results = cliRows('sqlite', await onWorkspace('sqlite', cliImport), 50_000, raw);
  if (postgresUnavailable)
    results.push({ scenario: `tessera import [postgres]`, skipped: postgresUnavailable });
  else results.push(...cliRows('postgres', await onWorkspace('postgres', cliImport), 20_000));
  return results;
}
