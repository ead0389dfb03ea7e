/**
 * Import and export over HTTP on SQLite, 100,000 records of ten columns with a lookup: an export of them
 * (CSV, then XLSX) downloaded whole, against reading the same rows straight from the table; and `POST
 * /imports` of a 100,000-row CSV (lookups by a unique field) timed from the upload until the job has
 * succeeded, against a raw bulk insert of the same rows. One server in this process; the client only counts
 * the bytes it receives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordData, Workspace } from '@tessera/engine';
import { atLeast, formatTable, ms, type Result, rowsPerSecond, under } from '../../engine/bench/table.js';
import { time } from '../../engine/bench/timing.js';
import { hashToken, silentLogger, startServer, WorkspaceRegistry } from '../src/index.js';
import { ACCOUNTS, account, FILE_DOCUMENTS, order, ordersCsv } from './files-fixture.js';

const ROWS = 100_000;
const TOKEN = 'bench-token';
const EXPORT_TARGET = 100_000;
const IMPORT_TARGET_MS = 10_000;
const auth = { authorization: `Bearer ${TOKEN}` };
/**
 * How often the job is looked at: five times as often as the studio's import view does, so the answer is
 * seen within 100 ms of the end. Every 20 ms, the polls themselves took turns from the import they waited for.
 */
const POLL_MS = 100;

async function seed(ws: Workspace): Promise<RecordData[]> {
  await ws.deploy(FILE_DOCUMENTS);
  const accounts = await ws.records.insertMany(
    'bench_account',
    Array.from({ length: ACCOUNTS }, (_, i) => account(i)),
  );
  for (let i = 0; i < ROWS; i += 5000)
    await ws.records.insertMany(
      'bench_order',
      Array.from({ length: 5000 }, (_, k) => ({
        ...order(i + k),
        account_id: accounts[(i + k) % ACCOUNTS]?.id,
      })),
    );
  return accounts;
}

/** Downloads the export, counting its bytes; throws on anything but 200. */
async function download(url: string): Promise<number> {
  const res = await fetch(url, { headers: auth });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

/** Uploads the CSV and waits until the job has ended; its view. */
async function importOver(base: string, csv: string) {
  const form = new FormData();
  form.append('options', JSON.stringify({ object: 'bench_order' }));
  form.append('file', new Blob([csv]), 'orders.csv');
  const started = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: auth, body: form });
  if (started.status !== 202)
    throw new Error(`POST /imports answered ${started.status}: ${await started.text()}`);
  const { data } = (await started.json()) as { data: { id: string } };
  for (;;) {
    const res = await fetch(`${base}/api/v1/imports/${data.id}`, { headers: auth });
    const job = ((await res.json()) as { data: { status: string; created: number; error: unknown } }).data;
    if (!['queued', 'running'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The baseline of the import: the same rows put into a table of the same shape with plain INSERTs. */
async function rawInsert(ws: Workspace, accounts: RecordData[]): Promise<number> {
  const { db } = ws.storage;
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const o = order(ROWS * 2 + i);
    return {
      ...o,
      active: o.active ? 1 : 0,
      price: Math.round((o.price as number) * 100),
      account: accounts[i % ACCOUNTS]?.id,
    };
  });
  await db.schema
    .createTable('raw_order')
    .addColumn('name', 'text')
    .addColumn('qty', 'integer')
    .addColumn('price', 'integer')
    .addColumn('due', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('active', 'integer')
    .addColumn('status', 'text')
    .addColumn('email', 'text')
    .addColumn('note', 'text')
    .addColumn('account', 'text')
    .execute();
  const { ms: elapsed } = await time(() =>
    ws.storage.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('raw_order')
          .values(rows.slice(i, i + 500))
          .execute();
    }),
  );
  return elapsed;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-files-bench-'));
  const ws = await Workspace.open({ dataDir: dir, workspace: 'bench' });
  const workspaces = new WorkspaceRegistry('default', ws);
  const results: Result[] = [];
  try {
    process.stderr.write(`preparing ${ROWS} records…\n`);
    const accounts = await seed(ws);
    const server = await startServer({
      workspaces,
      adminTokenHash: hashToken(TOKEN),
      log: silentLogger,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const exportUrl = `${server.url}/api/v1/data/bench_order/export`;
      const raw = await time(() => ws.storage.db.selectFrom('bench_order').selectAll().execute());
      process.stderr.write('export CSV…\n');
      await download(exportUrl);
      const csv = await time(() => download(exportUrl));
      results.push({
        scenario: 'export CSV over HTTP, 100,000 records (baseline: select * of the table)',
        measured: rowsPerSecond(ROWS, csv.ms),
        baseline: rowsPerSecond(ROWS, raw.ms),
        target: atLeast(EXPORT_TARGET, 'rows/s'),
      });
      process.stderr.write('export XLSX…\n');
      const xlsx = await time(() => download(`${exportUrl}?format=xlsx`));
      results.push({
        scenario: 'export XLSX over HTTP, 100,000 records',
        measured: rowsPerSecond(ROWS, xlsx.ms),
      });
      process.stderr.write('POST /imports…\n');
      const text = ordersCsv(ROWS, ROWS);
      const imported = await time(() => importOver(server.url, text));
      const job = imported.value;
      const baseline = await rawInsert(ws, accounts);
      results.push({
        scenario: 'POST /imports of 100,000 rows, upload to succeeded (baseline: raw bulk insert)',
        measured: ms(imported.ms),
        baseline: ms(baseline),
        target: under(IMPORT_TARGET_MS),
        ...(job.status !== 'succeeded' || job.created !== ROWS
          ? {
              error: `the import ended ${job.status} with ${job.created} created (${JSON.stringify(job.error)})`,
            }
          : {}),
      });
      results.push({
        scenario: 'POST /imports of 100,000 rows: rate',
        measured: rowsPerSecond(ROWS, imported.ms),
      });
    } finally {
      await server.close();
    }
    console.log(
      `Tessera import/export bench · Node ${process.version} · SQLite · one server in this process`,
    );
    console.log(formatTable(results));
  } finally {
    await workspaces.close();
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
