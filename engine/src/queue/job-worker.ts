/**
 * The worker that carries out queued jobs after their write committed. It claims due jobs under a lease,
 * runs each with the executor registered for its type, and records the attempt: done, retried on the
 * schedule, or dead. A worker that dies mid-job (kill -9) leaves its jobs running under a lease that expires;
 * then any worker takes them again. So every job is carried out at least once, with the same delivery id;
 * executors of database-only work use `JobContext.transaction` and are carried out exactly once.
 *
 * Time comes from an injectable clock. Tests call `runDue()` instead of waiting; a server calls `start()`,
 * which polls and is woken when this process queues jobs.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Storage } from '../storage/storage.js';
import { TransactionStorage } from '../storage/transaction-storage.js';
import { claimJobs } from './claim-jobs.js';
import { type Clock, SYSTEM_CLOCK } from './clock.js';
import { onEnqueued } from './enqueue-signal.js';
import { type AttemptOutcome, finishJobs, releaseJobs } from './finish-jobs.js';
import { type ClaimedJob, type JobContext, type JobExecutor, PermanentJobError } from './job-executor.js';
import { DEFAULT_RETENTION_MS, purgeHistory } from './retention.js';

export interface JobWorkerOptions {
  clock?: Clock;
  /** Executors by job type; more can be registered later. */
  executors?: Iterable<readonly [string, JobExecutor]>;
  /** How long a claim lasts: longer than any attempt takes (a webhook gives up after 10 s). */
  leaseMs?: number;
  /** Jobs claimed at once, and run side by side. */
  batchSize?: number;
  /** How often an idle worker looks for due jobs (another runtime's, retries coming due). */
  pollMs?: number;
  /** Finished runs and notifications older than this are deleted. */
  retentionMs?: number;
  /** Told about failures of the worker itself (the database gone away), not of jobs: those are recorded. */
  onError?: (error: unknown) => void;
}

const RETENTION_EVERY_MS = 3_600_000;
/** After a wake-up, how long to wait before each look: the enqueuing transaction commits meanwhile. */
const WAKE_LOOKS_MS = [2, 25, 150, 1000];

interface Outcome extends AttemptOutcome {
  /** Marked done inside the executor's own transaction already. */
  settled?: boolean;
  /** Not tried: the worker was stopped. */
  released?: boolean;
}

class LeaseLost extends Error {}

/** What stops the worker: every attempt in flight (a whole batch) listens to it. */
function stopSignal(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

export class JobWorker {
  readonly id = `worker-${randomUUID()}`;
  readonly #executors = new Map<string, JobExecutor>();
  readonly #clock: Clock;
  readonly #leaseMs: number;
  readonly #batchSize: number;
  readonly #pollMs: number;
  readonly #retentionMs: number;
  readonly #onError: (error: unknown) => void;
  #lastPurge = Number.NEGATIVE_INFINITY;
  #abort = stopSignal();
  #loop: Promise<void> | undefined;
  #wakeUp: (() => void) | undefined;
  #woken = false;
  #unsubscribe: () => void = () => {};

  constructor(
    private readonly storage: Storage,
    options: JobWorkerOptions = {},
  ) {
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#batchSize = options.batchSize ?? 100;
    this.#pollMs = options.pollMs ?? 1000;
    this.#retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.#onError = options.onError ?? (() => {});
    for (const [type, executor] of options.executors ?? []) this.register(type, executor);
  }

  /** Registers the executor of a job type; a worker claims only jobs it has an executor for. */
  register(type: string, executor: JobExecutor): this {
    this.#executors.set(type, executor);
    return this;
  }

  get types(): string[] {
    return [...this.#executors.keys()];
  }

  /**
   * Carries out every job due now, batch after batch, until none is left; purges old history when due.
   * Returns how many attempts were made. Jobs failing now are due again later, not within this call.
   */
  async runDue(): Promise<number> {
    let attempts = 0;
    await this.purgeWhenDue();
    for (;;) {
      if (this.#abort.signal.aborted) return attempts;
      const jobs = await claimJobs(this.storage, {
        workerId: this.id,
        now: this.#clock.now(),
        leaseMs: this.#leaseMs,
        limit: this.#batchSize,
        types: this.types,
      });
      if (!jobs.length) return attempts;
      const outcomes = await Promise.all(jobs.map((job) => this.attempt(job)));
      await this.record(outcomes);
      attempts += outcomes.filter((o) => !o.released).length;
    }
  }

  /** Deletes history older than the retention period (runDue does it hourly). */
  purgeOld() {
    this.#lastPurge = this.#clock.now();
    return this.storage.transaction((trx) => purgeHistory(trx, this.#clock.now(), this.#retentionMs));
  }

  /** Polls for due jobs until `stop()`, and looks at once when this process queues jobs. */
  start(): void {
    if (this.#loop) return;
    this.#abort = stopSignal();
    this.#unsubscribe = onEnqueued(() => this.wake());
    this.#loop = this.loop();
  }

  /** Stops polling; attempts in flight are aborted and their jobs handed back untried. */
  async stop(): Promise<void> {
    this.#unsubscribe();
    this.#abort.abort();
    this.#wakeUp?.();
    await this.#loop;
    this.#loop = undefined;
  }

  /** Looks for due jobs now rather than at the next poll. */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  private async loop(): Promise<void> {
    const signal = this.#abort.signal;
    let looks: number[] = [];
    while (!signal.aborted) {
      try {
        const attempts = await this.runDue();
        if (attempts > 0) looks = [];
      } catch (error) {
        if (!signal.aborted) this.#onError(error);
      }
      if (this.#woken) {
        this.#woken = false;
        looks = [...WAKE_LOOKS_MS];
      }
      await this.sleep(looks.shift() ?? this.#pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = () => {
        this.#wakeUp = undefined;
        done();
      };
    });
  }

  private async purgeWhenDue() {
    if (this.#clock.now() - this.#lastPurge >= RETENTION_EVERY_MS) await this.purgeOld();
  }

  private async attempt(job: ClaimedJob): Promise<Outcome> {
    const startedAt = this.#clock.now();
    const started = performance.now();
    const base = {
      jobId: job.id,
      runId: job.runId,
      attempt: job.attempt,
      maxAttempts: job.maxAttempts,
      startedAt,
    };
    // Stopped while claiming: handed back untried, as a job in flight would be.
    if (this.#abort.signal.aborted) return { ...base, durationMs: 0, released: true };
    let settled = false;
    const context: JobContext = {
      storage: this.storage,
      clock: this.#clock,
      signal: this.#abort.signal,
      transaction: (fn) =>
        this.storage.writeTransaction(async (trx) => {
          const result = await fn(trx, new TransactionStorage(this.storage, trx));
          const outcome = { ...base, durationMs: performance.now() - started };
          if (!(await finishJobs(trx, this.id, [outcome], this.#clock.now())).has(job.id))
            throw new LeaseLost();
          settled = true;
          return result;
        }),
    };
    try {
      await (this.#executors.get(job.type) as JobExecutor).run(job, context);
      return { ...base, durationMs: performance.now() - started, settled };
    } catch (error) {
      if (this.#abort.signal.aborted) return { ...base, durationMs: 0, released: true };
      const message =
        error instanceof LeaseLost
          ? "the job was taken by another worker after this one's claim expired"
          : error instanceof Error
            ? error.message
            : String(error);
      return {
        ...base,
        durationMs: performance.now() - started,
        error: message || 'failed',
        permanent: error instanceof PermanentJobError,
      };
    }
  }

  private async record(outcomes: readonly Outcome[]): Promise<void> {
    const now = this.#clock.now();
    const released = outcomes.filter((o) => o.released).map((o) => o.jobId);
    const finished = outcomes.filter((o) => !o.released && !o.settled);
    if (!released.length && !finished.length) return;
    await this.storage.transaction(async (trx) => {
      await releaseJobs(trx, this.id, released, now);
      await finishJobs(trx, this.id, finished, now);
    });
  }
}
