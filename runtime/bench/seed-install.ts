/**
 * `pnpm --filter @tessera/runtime exec tsx bench/seed-install.ts [MiB] [postgres-url]`: installs a package with
 * that many MiB of seed data over HTTP while asking `/health` and a record list every 100 ms, and prints how
 * long the install took and the slowest answer meanwhile. Peak memory: run it under `/usr/bin/time -v`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import pg from 'pg';
import { serveForTest, TOKEN } from '../test/server.js';
import { seedPackage } from './seed-package.js';

const MIB = Number(process.argv[2] ?? 64);
const DATABASE_URL = process.argv[3];

const dir = mkdtempSync(join(tmpdir(), 'tessera-seed-bench-'));
const workspace = `seedbench${Date.now() % 1e6}`;
const ws = await Workspace.open({
  dataDir: dir,
  workspace,
  ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
});
const { server } = await serveForTest(ws);
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const pkg = seedPackage(MIB * 1024 * 1024);
// The first deploy of a process compiles the metadata validators (seconds on a busy machine): not measured here.
await fetch(`${server.url}/api/v1/meta/packages?dryRun=true`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ ...pkg, data: [] }),
});
const body = JSON.stringify(pkg);
console.log(`body: ${(body.length / 1024 / 1024).toFixed(1)} MiB`);

const t0 = performance.now();
let slowest = 0;
let polls = 0;
let failures = 0;
let installing = true;
const poll = async () => {
  // Timed from when the ask was due, so time spent waiting for a blocked event loop counts.
  let due = performance.now();
  while (installing) {
    // A connection the blocked server let time out is reset: that answer counts as slow, not as the end.
    await fetch(`${server.url}/api/v1/health`).catch(() => failures++);
    await fetch(`${server.url}/api/v1/data/category?limit=5`, { headers }).catch(() => failures++);
    slowest = Math.max(slowest, performance.now() - due);
    if (process.env.BENCH_VERBOSE && performance.now() - due > 300)
      console.log(
        `slow: ${(performance.now() - due).toFixed(0)} ms, ending at ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    polls++;
    due = performance.now() + 100;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
const polling = poll();
const started = performance.now();
const res = await fetch(`${server.url}/api/v1/meta/packages`, { method: 'POST', headers, body });
const answer = (await res.json()) as { data?: { seeded?: unknown }; code?: string; detail?: string };
installing = false;
await polling;
console.log(
  `install: ${res.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  answer.data?.seeded ?? answer,
);
console.log(
  `slowest /health + list meanwhile: ${slowest.toFixed(0)} ms over ${polls} polls (${failures} reset)`,
);
await server.close();
await ws.close();
rmSync(dir, { recursive: true, force: true });
if (DATABASE_URL) {
  // A million rows are no thing to leave behind in someone's database.
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists ${client.escapeIdentifier(`ws_${workspace}`)} cascade`);
  await client.end();
}
