/**
 * Scenario 3: `records.insertMany` of 100,000 validated records in one transaction, against the fastest a
 * program can write the same rows to SQLite: better-sqlite3 running one prepared INSERT per row inside one
 * transaction, on a table the engine created, with the engine's pragmas. The ratio is what the engine's
 * validation, encoding and query building cost on top of the database's own work.
 */
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { DialectName, RecordData, Workspace } from '../src/index.js';
import { ORDER_DOCUMENTS, ORDER_FIELDS, orderRecords } from './bench-order.js';
import { atLeastTimesBaseline, type Quantity, type Result, rowsPerSecond } from './table.js';
import { median, time } from './timing.js';
import { withWorkspace } from './workspaces.js';

const RECORDS = 100_000;
/** Inserted first and not timed: lets the JIT, the statement caches and the file settle on both sides. */
const WARMUP_RECORDS = 1_000;
/** Each run appends another 100,000 rows to the same table, on both sides alike. */
const RUNS = 3;
const TARGET_RATIO = 0.5;
const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'owner_id', 'version'];

/** The same records as SQLite stores them (system columns, currency in cents, booleans as 0/1), made by hand. */
function rawRows(input: readonly RecordData[]): unknown[][] {
  const now = new Date().toISOString();
  const stored = (r: RecordData, f: string) =>
    f === 'amount' ? Math.round((r.amount as number) * 100) : f === 'paid' ? (r.paid ? 1 : 0) : r[f];
  return input.map((r) => [
    uuidv7(),
    now,
    now,
    null,
    null,
    null,
    1,
    ...ORDER_FIELDS.map((f) => stored(r, f)),
  ]);
}

/** Rows per second of the median run. */
async function medianRate(runs: readonly (() => unknown)[]): Promise<Quantity> {
  const samples: number[] = [];
  for (const run of runs) samples.push((await time(run)).ms);
  return rowsPerSecond(RECORDS, median(samples));
}

async function engineInsert(ws: Workspace): Promise<Quantity> {
  await ws.records.insertMany('bench_order', orderRecords(WARMUP_RECORDS, RECORDS));
  // insertMany never changes its input, so every run can take the same records; the engine makes the ids.
  const input = orderRecords(RECORDS);
  return medianRate(Array.from({ length: RUNS }, () => () => ws.records.insertMany('bench_order', input)));
}

/** The engine only creates the table; the rows go in through a second, plain better-sqlite3 connection. */
async function rawInsert(ws: Workspace): Promise<Quantity> {
  const db = new Database(ws.storage.location);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const columns = [...SYSTEM_COLUMNS, ...ORDER_FIELDS];
    const insert = db.prepare(
      `insert into bench_order (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    const insertAll = db.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(row);
    });
    insertAll(rawRows(orderRecords(WARMUP_RECORDS, RECORDS)));
    // Every run needs ids of its own: all rows are made before the first is timed.
    const inputs = Array.from({ length: RUNS }, () => rawRows(orderRecords(RECORDS)));
    return await medianRate(inputs.map((rows) => () => insertAll(rows)));
  } finally {
    db.close();
  }
}

/** A fresh workspace with the bench table deployed, for one measurement. */
const onTable = <T>(dialect: DialectName, fn: (ws: Workspace) => Promise<T>) =>
  withWorkspace(dialect, 'insert', async (ws) => {
    await ws.deploy(ORDER_DOCUMENTS);
    return fn(ws);
  });

export async function insertScenario(postgresUnavailable: string | undefined): Promise<Result[]> {
  const name = (dialect: DialectName) =>
    `insert 100k [${dialect}]: insertMany, 1 transaction, median of ${RUNS}`;
  const raw = await onTable('sqlite', rawInsert);
  const engine = await onTable('sqlite', engineInsert);
  return [
    {
      scenario: `${name('sqlite')} (baseline: raw better-sqlite3)`,
      measured: engine,
      baseline: raw,
      target: atLeastTimesBaseline(TARGET_RATIO),
    },
    postgresUnavailable
      ? { scenario: name('postgres'), skipped: postgresUnavailable }
      : { scenario: name('postgres'), measured: await onTable('postgres', engineInsert) },
  ];
}
