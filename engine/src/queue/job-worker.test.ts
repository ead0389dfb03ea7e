import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import type { Workspace } from '../workspace.js';
import type { ClaimedJob, JobExecutor } from './job-executor.js';
import { PermanentJobError } from './job-executor.js';
import { JobWorker } from './job-worker.js';
import { ATTEMPTS, JOBS, RUNS } from './queue-tables.js';
import { cancelJobs, type RunInput, recordRuns } from './record-runs.js';
import { retryDead } from './retry-dead.js';
import { ATTEMPTS_PER_JOB, RETRY_DELAYS_MS, retryDelay } from './retry-schedule.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

/** A clock the test moves. */
const testClock = (start = T0) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
};

/** Remembers every job it is handed; fails while `failures` says so. */
class Recorder implements JobExecutor {
  readonly seen: ClaimedJob[] = [];
  constructor(private readonly failWith: (job: ClaimedJob) => Error | undefined = () => undefined) {}
  async run(job: ClaimedJob) {
    this.seen.push(job);
    const error = this.failWith(job);
    if (error) throw error;
  }
}

const run = (overrides: Partial<RunInput> = {}): RunInput => ({
  automation: 'notify_owner',
  object: 'account',
  recordId: '0190f1c6-0000-7000-8000-000000000001',
  trigger: 'create',
  depth: 0,
  actor: null,
  inTransaction: [{ index: 0, type: 'update_record' }],
  jobs: [{ actionIndex: 1, type: 'test', payload: { n: 1 } }],
  ...overrides,
});

const record = (ws: Workspace, runs: RunInput[], now = T0) =>
  ws.storage.transaction((trx) => recordRuns(trx, ws.storage.dialect, runs, now));

const jobRow = async (ws: Workspace, id: string) =>
  ws.storage.db.selectFrom(JOBS).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const runRow = async (ws: Workspace, id: string) =>
  ws.storage.db.selectFrom(RUNS).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const attemptsOf = async (ws: Workspace, id: string) =>
  ws.storage.db.selectFrom(ATTEMPTS).selectAll().where('job_id', '=', id).orderBy('attempt').execute();

describe('retry schedule', () => {
  it('waits 10 s, 1 min, 5 min, 30 min, 2 h, 12 h, then gives up', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, ATTEMPTS_PER_JOB));
    expect(delays).toEqual([10_000, 60_000, 300_000, 1_800_000, 7_200_000, 43_200_000, undefined]);
  });
  it('starts the schedule over after a manual retry', () => {
    expect(retryDelay(8, 7 + ATTEMPTS_PER_JOB)).toBe(10_000);
    expect(retryDelay(14, 7 + ATTEMPTS_PER_JOB)).toBeUndefined();
  });
});

describeEachDialect('job queue', ({ open }) => {
  it('records a run and its jobs in the write transaction, and the worker carries them out', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run()]);
    const jobId = recorded?.jobIds[0] as string;
    const runId = recorded?.runId as string;
    expect(await runRow(ws, runId)).toMatchObject({ status: 'pending', automation: 'notify_owner' });
    expect(JSON.parse((await runRow(ws, runId)).actions)).toEqual([
      { index: 0, type: 'update_record', inTransaction: true },
      { index: 1, type: 'test', jobId },
    ]);
    const clock = testClock();
    const executor = new Recorder();
    const worker = new JobWorker(ws.storage, { clock, executors: [['test', executor]] });
    expect(await worker.runDue()).toBe(1);
    expect(executor.seen).toEqual([
      expect.objectContaining({
        id: jobId,
        runId,
        payload: { n: 1 },
        attempt: 1,
        automation: 'notify_owner',
        object: 'account',
        trigger: 'create',
        depth: 0,
      }),
    ]);
    expect(await jobRow(ws, jobId)).toMatchObject({ status: 'done', locked_by: null });
    expect(await runRow(ws, runId)).toMatchObject({
      status: 'done',
      finished_at: new Date(T0).toISOString(),
    });
    expect(await attemptsOf(ws, jobId)).toMatchObject([{ attempt: 1, outcome: 'ok' }]);
    expect(await worker.runDue()).toBe(0);
  });

  it('records nothing for a transaction that rolls back', async () => {
    const ws = await open();
    await expect(
      ws.storage.transaction(async (trx) => {
        await recordRuns(trx, ws.storage.dialect, [run(), run()], T0);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const executor = new Recorder();
    expect(await new JobWorker(ws.storage, { executors: [['test', executor]] }).runDue()).toBe(0);
    expect(executor.seen).toEqual([]);
    expect(await ws.storage.db.selectFrom(RUNS).selectAll().execute()).toEqual([]);
  });

  it('records a refused run as failed with its error, queueing nothing', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run({ failed: 'automation chain deeper than 5 (a → b)' })]);
    expect(recorded?.jobIds).toEqual([]);
    expect(await runRow(ws, recorded?.runId as string)).toMatchObject({
      status: 'failed',
      error: 'automation chain deeper than 5 (a → b)',
      actions: '[]',
    });
    expect(await ws.storage.db.selectFrom(JOBS).selectAll().execute()).toEqual([]);
  });

  it('marks a run with only in-transaction actions done at once', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run({ jobs: [] })]);
    expect(await runRow(ws, recorded?.runId as string)).toMatchObject({ status: 'done', duration_ms: 0 });
  });

  it('retries a failing job on the schedule with the same delivery id, then it is dead', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run()]);
    const jobId = recorded?.jobIds[0] as string;
    const clock = testClock();
    const executor = new Recorder(() => new Error('HTTP 500'));
    const worker = new JobWorker(ws.storage, { clock, executors: [['test', executor]] });
    expect(await worker.runDue()).toBe(1);
    for (const delay of RETRY_DELAYS_MS) {
      clock.advance(delay - 1);
      expect(await worker.runDue()).toBe(0);
      expect(await jobRow(ws, jobId)).toMatchObject({ status: 'pending', last_error: 'HTTP 500' });
      clock.advance(1);
      expect(await worker.runDue()).toBe(1);
    }
    expect(executor.seen.map((j) => [j.id, j.attempt])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [jobId, n]));
    expect(await jobRow(ws, jobId)).toMatchObject({ status: 'dead', attempts: 7 });
    expect(await runRow(ws, recorded?.runId as string)).toMatchObject({ status: 'dead' });
    clock.advance(RETRY_DELAYS_MS.at(-1) as number);
    expect(await worker.runDue()).toBe(0);
    expect((await attemptsOf(ws, jobId)).map((a) => a.outcome)).toEqual(Array(7).fill('error'));
  });

  it('puts a dead job back on request, and it goes on counting its attempts', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run()]);
    const jobId = recorded?.jobIds[0] as string;
    const runId = recorded?.runId as string;
    const clock = testClock();
    let healthy = false;
    const executor = new Recorder(() => (healthy ? undefined : new PermanentJobError('refused')));
    const worker = new JobWorker(ws.storage, { clock, executors: [['test', executor]] });
    await worker.runDue();
    expect(await jobRow(ws, jobId)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'refused' });
    expect(await retryDead(ws.storage, '0190f1c6-0000-7000-8000-00000000abcd', clock.now())).toBe(0);
    expect(await retryDead(ws.storage, runId, clock.now())).toBe(1);
    expect(await runRow(ws, runId)).toMatchObject({ status: 'pending', finished_at: null });
    healthy = true;
    expect(await worker.runDue()).toBe(1);
    expect(await jobRow(ws, jobId)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await runRow(ws, runId)).toMatchObject({ status: 'done' });
    expect(await retryDead(ws.storage, jobId, clock.now())).toBe(0);
  });

  it('gives a job whose lease expired to another worker, under the same delivery id', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run()]);
    const jobId = recorded?.jobIds[0] as string;
    const clock = testClock();
    // The first worker hangs in its attempt, as a killed process would never finish it.
    let hang: () => void = () => {};
    const stuck = new JobWorker(ws.storage, {
      clock,
      leaseMs: 60_000,
      executors: [['test', { run: () => new Promise<void>((resolve) => (hang = resolve)) }]],
    });
    const first = stuck.runDue();
    await expect.poll(async () => (await jobRow(ws, jobId)).status, { timeout: 5000 }).toBe('running');
    const executor = new Recorder();
    const other = new JobWorker(ws.storage, { clock, leaseMs: 60_000, executors: [['test', executor]] });
    expect(await other.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await other.runDue()).toBe(1);
    expect(executor.seen.map((j) => [j.id, j.attempt])).toEqual([[jobId, 2]]);
    hang();
    await first;
    // The late worker's outcome changes nothing: the job stays done by the other one.
    expect(await jobRow(ws, jobId)).toMatchObject({ status: 'done', attempts: 2 });
    expect((await attemptsOf(ws, jobId)).map((a) => a.attempt)).toEqual([1, 2]);
  });

  it('does database work exactly once: a worker whose lease was lost rolls its transaction back', async () => {
    const ws = await open();
    await ws.storage.db.schema
      .createTable('test_effect')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .execute();
    const [recorded] = await record(ws, [run()]);
    const clock = testClock();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: JobExecutor = {
      run: async (job, context) => {
        await gate;
        await context.transaction((trx) =>
          trx.insertInto('test_effect').values({ job_id: job.id }).execute(),
        );
      },
    };
    const fast: JobExecutor = {
      run: (job, context) =>
        context.transaction(async (trx) => {
          await trx.insertInto('test_effect').values({ job_id: job.id }).execute();
        }),
    };
    const late = new JobWorker(ws.storage, { clock, executors: [['test', slow]] }).runDue();
    await expect
      .poll(async () => (await jobRow(ws, recorded?.jobIds[0] as string)).status, { timeout: 5000 })
      .toBe('running');
    clock.advance(60_000);
    expect(await new JobWorker(ws.storage, { clock, executors: [['test', fast]] }).runDue()).toBe(1);
    release();
    await late;
    expect(await ws.storage.db.selectFrom('test_effect').selectAll().execute()).toHaveLength(1);
    const attempts = await attemptsOf(ws, recorded?.jobIds[0] as string);
    expect(attempts.map((a) => a.outcome)).toEqual(['error', 'ok']);
    expect(attempts[0]?.detail).toMatch(/taken by another worker/);
  });

  it('claims only the types it has executors for, and only jobs that are due', async () => {
    const ws = await open();
    await record(ws, [
      run({
        jobs: [
          { actionIndex: 1, type: 'test', payload: 1, runAt: T0 + 3_600_000 },
          { actionIndex: 2, type: 'elsewhere', payload: 2 },
        ],
      }),
    ]);
    const clock = testClock();
    const executor = new Recorder();
    const worker = new JobWorker(ws.storage, { clock, executors: [['test', executor]] });
    expect(await worker.runDue()).toBe(0);
    clock.advance(3_600_000);
    expect(await worker.runDue()).toBe(1);
    expect(executor.seen.map((j) => j.payload)).toEqual([1]);
  });

  it('replaces a planned job recorded again under the same key, and cancels it by key', async () => {
    const ws = await open();
    const key = 'sla_warning:0190f1c6-0000-7000-8000-000000000001';
    const planned = (at: number) =>
      run({
        trigger: 'relative',
        jobs: [{ actionIndex: 0, type: 'test', payload: at, runAt: at, replaceKey: key }],
      });
    const [first] = await record(ws, [planned(T0 + 1000)]);
    const [second] = await record(ws, [planned(T0 + 2000)]);
    expect(await jobRow(ws, first?.jobIds[0] as string)).toMatchObject({ status: 'cancelled' });
    expect(await runRow(ws, first?.runId as string)).toMatchObject({ status: 'done' });
    expect(await jobRow(ws, second?.jobIds[0] as string)).toMatchObject({ status: 'pending' });
    const clock = testClock(T0 + 5000);
    const executor = new Recorder();
    await new JobWorker(ws.storage, { clock, executors: [['test', executor]] }).runDue();
    expect(executor.seen.map((j) => j.payload)).toEqual([T0 + 2000]);

    const [third] = await record(ws, [planned(T0 + 9000)]);
    expect(await ws.storage.transaction((trx) => cancelJobs(trx, key, T0 + 6000))).toBe(1);
    expect(await jobRow(ws, third?.jobIds[0] as string)).toMatchObject({ status: 'cancelled' });
    expect(await ws.storage.transaction((trx) => cancelJobs(trx, [key], T0 + 6000))).toBe(0);
  });

  it('deletes finished history older than the retention period, never pending work', async () => {
    const ws = await open();
    const day = 24 * 3_600_000;
    const [old] = await record(ws, [run()], T0);
    const [oldPending] = await record(
      ws,
      [run({ jobs: [{ actionIndex: 1, type: 'later', payload: 0 }] })],
      T0,
    );
    const [recent] = await record(ws, [run()], T0 + 20 * day);
    const clock = testClock(T0 + 20 * day);
    await new JobWorker(ws.storage, { clock, executors: [['test', new Recorder()]] }).runDue();
    clock.set(T0 + 31 * day);
    const worker = new JobWorker(ws.storage, { clock, retentionMs: 30 * day });
    expect(await worker.purgeOld()).toMatchObject({ runs: 1 });
    const left = (await ws.storage.db.selectFrom(RUNS).select('id').execute()).map((r) => String(r.id));
    expect(left.sort()).toEqual([oldPending?.runId, recent?.runId].sort());
    expect(
      await ws.storage.db
        .selectFrom(JOBS)
        .select('id')
        .where('run_id', '=', old?.runId as string)
        .execute(),
    ).toEqual([]);
    expect(await attemptsOf(ws, old?.jobIds[0] as string)).toEqual([]);
  });

  it('hands back the jobs in flight when stopped, untried', async () => {
    const ws = await open();
    const [recorded] = await record(ws, [run()]);
    const jobId = recorded?.jobIds[0] as string;
    const worker = new JobWorker(ws.storage, {
      executors: [
        [
          'test',
          {
            run: (_job, context) =>
              new Promise<void>((_resolve, reject) =>
                context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
              ),
          },
        ],
      ],
    });
    worker.start();
    await expect.poll(async () => (await jobRow(ws, jobId)).status, { timeout: 5000 }).toBe('running');
    await worker.stop();
    expect(await jobRow(ws, jobId)).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
    expect(await attemptsOf(ws, jobId)).toEqual([]);
  });

  it('wakes up when this process queues jobs, without waiting for its poll', async () => {
    const ws = await open();
    const executor = new Recorder();
    const worker = new JobWorker(ws.storage, { pollMs: 3_600_000, executors: [['test', executor]] });
    worker.start();
    try {
      await record(ws, [run()], Date.now());
      await expect.poll(() => executor.seen.length, { timeout: 5000 }).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
