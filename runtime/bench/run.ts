/**
 * `pnpm --filter @tessera/runtime bench`: the generated API against a hand-written Hono + Kysely route for
 * the same table, in the same run, with autocannon on loopback. Each server runs in its own child process so
 * the load generator (this process) never shares an event loop with the server it measures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '@tessera/engine';
import autocannon from 'autocannon';
import { atLeastTimesBaseline, formatTable, ms, type Result } from '../../engine/bench/table.js';
import { DOCUMENTS, LIST_FILTER, LIST_SORT, OBJECT, ROWS, record, TOKEN } from './fixture.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TARGET = 0.8;
const DURATION_S = 5;

async function prepare(dir: string): Promise<string[]> {
  const ws = await Workspace.open({ dataDir: dir, workspace: 'bench' });
  await ws.deploy(DOCUMENTS);
  for (let i = 0; i < ROWS; i += 20_000)
    await ws.records.insertMany(
      OBJECT,
      Array.from({ length: 20_000 }, (_, k) => record(i + k)),
    );
  const ids = (await ws.storage.db.selectFrom(OBJECT).select('id').execute()).map((r) => String(r.id));
  await ws.close();
  return ids;
}

function start(script: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, script), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve({ url: String(chunk).trim(), child }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

interface Load {
  method: 'GET' | 'POST' | 'PATCH';
  path: () => string;
  body?: () => string;
}

async function measure(url: string, load: Load) {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: 10,
      duration,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      requests: [
        {
          method: load.method,
          setupRequest: (req) => ({ ...req, path: load.path(), ...(load.body ? { body: load.body() } : {}) }),
        },
      ],
    });
  await run(1);
  const result = await run(DURATION_S);
  return { rps: result.requests.average, p99: result.latency.p99, bad: result.non2xx + result.errors };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-http-bench-'));
  const children: ChildProcess[] = [];
  try {
    process.stderr.write(`preparing ${ROWS} records…\n`);
    const ids = await prepare(dir);
    const pick = () => ids[Math.floor(Math.random() * ids.length)] as string;
    let n = ROWS;
    const generated = await start('serve-generated.ts', dir);
    const handWritten = await start('serve-hand-written.ts', dir);
    children.push(generated.child, handWritten.child);
    const filter = encodeURIComponent(JSON.stringify(LIST_FILTER));
    const scenarios: [string, Load, Load][] = [
      [
        'get by id',
        { method: 'GET', path: () => `/api/v1/data/${OBJECT}/${pick()}` },
        { method: 'GET', path: () => `/items/${pick()}` },
      ],
      [
        'list: filter + sort + limit 50 over 100,000 rows',
        { method: 'GET', path: () => `/api/v1/data/${OBJECT}?filter=${filter}&sort=${LIST_SORT}&limit=50` },
        { method: 'GET', path: () => `/items?filter=${filter}` },
      ],
      [
        'create',
        { method: 'POST', path: () => `/api/v1/data/${OBJECT}`, body: () => JSON.stringify(record(n++)) },
        { method: 'POST', path: () => '/items', body: () => JSON.stringify(record(n++)) },
      ],
      [
        'update',
        {
          method: 'PATCH',
          path: () => `/api/v1/data/${OBJECT}/${pick()}`,
          body: () => JSON.stringify({ qty: n++ % 1000 }),
        },
        { method: 'PATCH', path: () => `/items/${pick()}`, body: () => JSON.stringify({ qty: n++ % 1000 }) },
      ],
    ];
    const results: Result[] = [];
    for (const [name, gen, hand] of scenarios) {
      process.stderr.write(`${name}…\n`);
      const g = await measure(generated.url, gen);
      const h = await measure(handWritten.url, hand);
      const error =
        g.bad || h.bad ? `${g.bad} generated and ${h.bad} hand-written responses were not 2xx` : undefined;
      results.push({
        scenario: `${name}: req/s (baseline: hand-written Hono + Kysely)`,
        measured: { value: g.rps, unit: 'req/s' },
        baseline: { value: h.rps, unit: 'req/s' },
        target: atLeastTimesBaseline(TARGET),
        ...(error ? { error } : {}),
      });
      results.push({ scenario: `${name}: p99 latency`, measured: ms(g.p99), baseline: ms(h.p99) });
    }
    console.log(
      `Tessera HTTP bench · Node ${process.version} · ${DURATION_S} s per side, 10 connections, loopback`,
    );
    console.log(formatTable(results));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
