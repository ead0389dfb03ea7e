/**
 * One job worker per workspace this server has open: it carries out the automations' queued actions
 * (webhooks, notifications, and the record actions the automation module registers) after their writes
 * commit. Beside it, the workspace's import runner carries out queued imports. Started with the server,
 * stopped when it shuts down (jobs in flight are handed back untried; an import stops after its batch).
 */
import {
  type AutomationScheduler,
  type Clock,
  DEFAULT_RETENTION_MS,
  type ImportRunnerControl,
  JobWorker,
  mailerFromEnv,
  notifyExecutor,
  type Workspace,
  webhookExecutor,
} from '@tessera/engine';
import type { Logger } from '../http/logger.js';

export interface JobWorkersOptions {
  log: Logger;
  /** Tests move time themselves. */
  clock?: Clock;
  pollMs?: number;
  /** How long a claim lasts (default 60 s); tests of a killed runtime shorten it. */
  leaseMs?: number;
  env?: NodeJS.ProcessEnv;
}

const DAY_MS = 24 * 3_600_000;

/** `TESSERA_AUTOMATION_RETENTION_DAYS`: how long run history and notifications are kept (default 30). */
export function retentionMs(env: NodeJS.ProcessEnv): number {
  const days = Number(env.TESSERA_AUTOMATION_RETENTION_DAYS);
  return env.TESSERA_AUTOMATION_RETENTION_DAYS && Number.isFinite(days) && days > 0
    ? days * DAY_MS
    : DEFAULT_RETENTION_MS;
}

/** The worker of one workspace, with every executor this runtime has. */
export function jobWorkerFor(ws: Workspace, options: JobWorkersOptions): JobWorker {
  const env = options.env ?? process.env;
  return new JobWorker(ws.storage, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    retentionMs: retentionMs(env),
    executors: [
      ['webhook', webhookExecutor({ allowPrivate: env.TESSERA_WEBHOOK_ALLOW_PRIVATE === '1' })],
      ['notify', notifyExecutor(mailerFromEnv(env))],
      ...ws.automationExecutors(),
    ],
    onError: (error) =>
      options.log.error('job worker failed', { workspace: ws.storage.location, error: String(error) }),
  });
}

export class JobWorkers {
  readonly #workers = new Map<Workspace, JobWorker>();
  /** Each workspace's cron scheduler of automations runs beside its worker. */
  readonly #schedulers = new Map<Workspace, AutomationScheduler>();
  readonly #imports = new Map<Workspace, ImportRunnerControl>();
  #options: JobWorkersOptions | undefined;

  /** Starts the workers of `open` workspaces, and of every one `add`ed from now on. */
  start(options: JobWorkersOptions, open: Iterable<Workspace>): void {
    this.#options = options;
    for (const ws of open) this.add(ws);
  }

  add(ws: Workspace): void {
    if (!this.#options || this.#workers.has(ws)) return;
    const worker = jobWorkerFor(ws, this.#options);
    this.#workers.set(ws, worker);
    worker.start();
    const scheduler = ws.automationScheduler(this.#options.clock);
    this.#schedulers.set(ws, scheduler);
    scheduler.start();
    const imports = ws.imports.runner({
      onError: (error) =>
        this.#options?.log.error('import runner failed', {
          workspace: ws.storage.location,
          error: String(error),
        }),
    });
    this.#imports.set(ws, imports);
    imports.start();
  }

  /** The worker of a workspace, while running. */
  of(ws: Workspace): JobWorker | undefined {
    return this.#workers.get(ws);
  }

  async stop(): Promise<void> {
    this.#options = undefined;
    const running = [...this.#workers.values(), ...this.#schedulers.values(), ...this.#imports.values()];
    this.#workers.clear();
    this.#schedulers.clear();
    this.#imports.clear();
    await Promise.all(running.map((r) => r.stop()));
  }
}
