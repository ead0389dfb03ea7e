/**
 * The queue across real processes: a runtime killed with SIGKILL while deliveries are pending or in flight
 * loses none of them (another start delivers them all, those in flight once their lease expires); two
 * runtimes on one PostgreSQL share 1,000 jobs, each delivered, and delivered twice only after a lease expired.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../../engine/test/dialects.js';
import { type Receiver, startReceiver } from '../../engine/test/webhook-receiver.js';

const SCRIPT = fileURLToPath(new URL('../test/queue-process.ts', import.meta.url));

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
const postgres = await postgresUp();
if (!postgres && process.env.CI === 'true')
  throw new Error(`PostgreSQL at ${POSTGRES_URL} is needed under CI`);

const children: ChildProcess[] = [];
const schemas: string[] = [];
const dirs: string[] = [];
let receiver: Receiver | undefined;
let counter = 0;

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await receiver?.close();
  receiver = undefined;
});
afterAll(async () => {
  if (schemas.length) {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    for (const schema of schemas) await client.query(`drop schema if exists "ws_${schema}" cascade`);
    await client.end();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  jobIds: string[];
}

/**
 * Starts a runtime process; with `count`, it queues that many webhooks to the receiver first. A held one loads
 * its code and waits to be let go (`go()`) before it opens the workspace.
 */
function heldRuntime(where: string, workspace: string, leaseMs: number, count = 0) {
  const args = [where, workspace, String(leaseMs), '50'];
  if (count) args.push(String(count), receiver?.url as string);
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, QUEUE_PROCESS_WAIT: '1' },
  });
  children.push(child);
  const started = new Promise<Started>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) resolve({ child, jobIds: JSON.parse(out.split('\n')[0] as string).jobIds });
    });
    child.once('exit', (code) => reject(new Error(`runtime process exited with ${code}`)));
  });
  // A killed process's promise is settled by then, or never read: no unhandled rejection either way.
  started.catch(() => {});
  return { go: () => child.stdin?.write('go\n'), started };
}

function runtime(where: string, workspace: string, leaseMs: number, count = 0): Promise<Started> {
  const { go, started } = heldRuntime(where, workspace, leaseMs, count);
  go();
  return started;
}

const places = [
  {
    dialect: 'sqlite',
    where: () => {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-queue-'));
      dirs.push(dir);
      return dir;
    },
  },
  ...(postgres ? [{ dialect: 'postgres', where: () => POSTGRES_URL }] : []),
];

const workspaceName = () => {
  const name = `queue_${process.pid}_${counter++}`;
  schemas.push(name);
  return name;
};

/** Each delivery id answered 2xx, with how many times it was. */
const acknowledged = (r: Receiver) => {
  const counts = new Map<string, number>();
  for (const d of r.deliveries) if (d.status === 200) counts.set(d.body.id, (counts.get(d.body.id) ?? 0) + 1);
  return counts;
};

describe.each(places)('a runtime killed with deliveries pending [$dialect]', ({ where }) => {
  it('delivers every one after a restart, those it had in flight once their lease expires', async () => {
    let hanging = true;
    receiver = await startReceiver(() => (hanging ? undefined : 200));
    const place = where();
    const workspace = workspaceName();
    const restart = heldRuntime(place, workspace, 1000);
    const first = await runtime(place, workspace, 1000, 150);
    expect(first.jobIds).toHaveLength(150);
    // The first batch is in flight (the receiver holds it) and the rest pending, when the process dies.
    await expect.poll(() => receiver?.deliveries.length, { timeout: 10_000 }).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const inFlight = new Set(receiver.deliveries.map((d) => d.body.id));
    expect(acknowledged(receiver).size).toBe(0);
    hanging = false;
    restart.go();
    await restart.started;
    await expect
      .poll(() => [...acknowledged(receiver as Receiver).keys()].sort(), { timeout: 20_000 })
      .toEqual([...first.jobIds].sort());
    // Delivered again, with the same delivery id: those the killed runtime had sent but got no answer for.
    const again = receiver.deliveries.filter((d) => d.status === 200 && inFlight.has(d.body.id));
    expect(again.length).toBe(inFlight.size);
  });
});

(postgres ? describe : describe.skip)('two runtimes on one PostgreSQL', () => {
  it('share 1,000 jobs: every delivery id arrives, twice only if a lease expired', async () => {
    receiver = await startReceiver();
    const workspace = workspaceName();
    // The first queues the jobs before it serves; the second starts as soon as it can, and both claim.
    const [a, b] = await Promise.all([
      runtime(POSTGRES_URL, workspace, 60_000, 1000),
      runtime(POSTGRES_URL, workspace, 60_000),
    ]);
    expect(b.jobIds).toEqual([]);
    await expect.poll(() => acknowledged(receiver as Receiver).size, { timeout: 30_000 }).toBe(1000);
    expect([...acknowledged(receiver).keys()].sort()).toEqual([...a.jobIds].sort());
    // No lease can expire within 60 s here, so no job may have gone to both runtimes.
    const duplicates = receiver.deliveries.length - acknowledged(receiver).size;
    expect(duplicates).toBe(0);
  });
});
