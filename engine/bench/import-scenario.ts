/**
 * Import of a CSV file (10 columns, one lookup by a unique field) through `ws.imports.run`, as the CLI runs it:
 * streamed, scanned, validated, written in batches through the record pipeline, atomic (one transaction).
 * Compared in the same run with a raw bulk insert of the same file: csv-parse into one prepared better-sqlite3
 * INSERT per row in one transaction. Also the process's peak RSS during the import (target: 300 MB).
 * `BENCH_IMPORT_ROWS` sets the size (default 1,000,000, the target).
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { uuidv7 } from 'uuidv7';
import { type DialectName, type DocumentSet, SYSTEM_SUBJECT, type Workspace } from '../src/index.js';
import { atLeast, type Quantity, type Result, rowsPerSecond, under } from './table.js';
import { time } from './timing.js';
import { withWorkspace } from './workspaces.js';

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

export async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < ROWS; i++) {
    const line = `Contact ${i},c${i}@example.com,+86 21 5555 ${i % 10000},Shanghai,${i % 500},${(i % 100000) / 100},2024-${1 + (i % 12)}-${1 + (i % 28)},${i % 2 ? 'true' : 'false'},"note ${i}, quoted",A${i % ACCOUNTS}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function prepare(ws: Workspace): Promise<void> {
  await ws.deploy(DOCUMENTS);
  await ws.records.insertMany(
    'bench_account',
    Array.from({ length: ACCOUNTS }, (_, i) => ({ name: `Account ${i}`, code: `A${i}` })),
  );
}

/** Rows per second of the import, and the process's peak RSS while it ran. */
async function engineImport(ws: Workspace, path: string): Promise<{ rate: Quantity; rssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const { ms, value } = await time(() =>
      ws.imports.run(
        SYSTEM_SUBJECT,
        { path, fileName: 'bench.csv', format: 'csv' },
        { object: 'bench_contact' },
      ),
    );
    if (value.status !== 'succeeded' || value.created !== ROWS)
      throw new Error(
        `import ${value.status}: ${value.created} of ${ROWS} (${value.errors[0]?.message ?? ''})`,
      );
    return { rate: rowsPerSecond(ROWS, ms), rssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
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

const onWorkspace = <T>(dialect: DialectName, fn: (ws: Workspace, path: string) => Promise<T>) =>
  withWorkspace(dialect, 'import', async (ws) => {
    await prepare(ws);
    // The file lives in a folder of its own, whatever the dialect's location looks like.
    const dir = await mkdtemp(join(tmpdir(), 'tessera-import-bench-'));
    try {
      const path = join(dir, 'bench.csv');
      await writeCsv(path);
      return await fn(ws, path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

export async function importScenario(postgresUnavailable: string | undefined): Promise<Result[]> {
  const rows = ROWS.toLocaleString('en-US');
  const raw = await onWorkspace('sqlite', rawImport);
  const sqlite = await onWorkspace('sqlite', engineImport);
  const results: Result[] = [
    {
      scenario: `import ${rows} CSV rows [sqlite]: 10 columns, 1 lookup, atomic (baseline: raw csv-parse + better-sqlite3)`,
      measured: sqlite.rate,
      baseline: raw,
      target: atLeast(50_000, 'rows/s'),
    },
    {
      scenario: `import ${rows} CSV rows [sqlite]: peak RSS`,
      measured: { value: sqlite.rssMb, unit: 'MB' },
      target: under(300, 'MB'),
    },
  ];
  if (postgresUnavailable)
    results.push({ scenario: `import ${rows} CSV rows [postgres]`, skipped: postgresUnavailable });
  else
    results.push({
      scenario: `import ${rows} CSV rows [postgres]: 10 columns, 1 lookup, atomic`,
      measured: (await onWorkspace('postgres', engineImport)).rate,
      target: atLeast(20_000, 'rows/s'),
    });
  return results;
}
