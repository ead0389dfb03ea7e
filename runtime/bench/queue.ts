/**
 * Queue throughput: webhook deliveries per second on SQLite, from jobs committed in the queue to 2xx answers
 * of a local receiver (in a process of its own, so it never shares this event loop). The worker is the one a
 * runtime runs, with its default batch; every delivery is signed and its attempt recorded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobWorker, recordRuns, Workspace, webhookExecutor } from '@tessera/engine';
import { atLeast, formatTable, type Result } from '../../engine/bench/table.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const JOBS = 10_000;
const TARGET_PER_S = 1000;

function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'receiver.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve({ url: String(chunk).trim(), child }));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

async function enqueue(ws: Workspace, url: string, count: number) {
  for (let done = 0; done < count; done += 500)
    await ws.storage.transaction((trx) =>
      recordRuns(
        trx,
        ws.storage.dialect,
        Array.from({ length: Math.min(500, count - done) }, (_, i) => ({
          automation: 'bench_hook',
          object: 'account',
          recordId: null,
          trigger: 'create' as const,
          depth: 0,
          actor: null,
          jobs: [
            {
              actionIndex: 0,
              type: 'webhook',
              payload: {
                url,
                secret: 'a-secret-of-at-least-16',
                body: { event: 'record.created', object: 'account', record: { n: done + i }, previous: null },
              },
            },
          ],
        })),
        Date.now(),
      ),
    );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-queue-bench-'));
  const receiver = await startReceiver();
  const ws = await Workspace.open({ dataDir: dir, workspace: 'bench' });
  try {
    const worker = new JobWorker(ws.storage, {
      executors: [['webhook', webhookExecutor({ allowPrivate: true })]],
    });
    // Warm-up: connections, statements.
    await enqueue(ws, receiver.url, 500);
    await worker.runDue();
    await enqueue(ws, receiver.url, JOBS);
    const started = performance.now();
    const delivered = await worker.runDue();
    const elapsed = performance.now() - started;
    const left = await ws.storage.db
      .selectFrom('tessera_job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', 'done')
      .executeTakeFirstOrThrow();
    const result: Result = {
      scenario: `webhook deliveries to a local receiver, SQLite (${JOBS.toLocaleString('en-US')} jobs)`,
      measured: { value: (delivered * 1000) / elapsed, unit: 'deliveries/s' },
      target: atLeast(TARGET_PER_S, 'deliveries/s'),
      ...(Number(left.n) || delivered !== JOBS
        ? { error: `${left.n} jobs not done, ${delivered} attempts` }
        : {}),
    };
    console.log(`Tessera queue bench · Node ${process.version}`);
    console.log(formatTable([result]));
  } finally {
    await ws.close();
    receiver.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
