/**
 * Runs queued imports in the background (see ImportRunnerControl): one at a time, oldest first. Before each
 * look it settles what a crashed process left `running` (its heartbeat older than `staleMs`, and its runner not a
 * live process of this machine: see runner-lease.ts): an atomic import
 * failed with `interrupted` — its transaction died with the process, so nothing was written — and a
 * non-atomic one queued again, to resume after its last committed batch. Stopping interrupts the import in
 * hand at the end of its batch and queues it again the same way.
 */
import { EventEmitter } from 'node:events';
import type { Storage } from '../storage/storage.js';
import { importMessage } from './import-messages.js';
import { IMPORTS, type ImportRow, storedOptions } from './import-store.js';
import type { ImportRunnerControl } from './import-types.js';
import { holderAlive, runnerName } from './runner-lease.js';

/** Imports running in this process, by id: never taken for a crashed process's. */
export const RUNNING_HERE = new Set<string>();
/** Told when this process queues an import, so idle runners look at once. */
export const importQueued = new EventEmitter();

export interface ImportRunnerOptions {
  pollMs?: number;
  /** A `running` import whose heartbeat is older than this was left by a process that died. */
  staleMs?: number;
  onError?: (error: unknown) => void;
}

/** What the runner asks of the workspace's imports. */
export interface ImportExecutor {
  storage: Storage;
  /** Runs one queued import to its end (or until `stopping` says so); false when another runner took it. */
  execute(id: string, runner: string, stopping: () => boolean): Promise<boolean>;
}

export class ImportRunner implements ImportRunnerControl {
  readonly id = runnerName('imports');
  readonly #pollMs: number;
  readonly #staleMs: number;
  readonly #onError: (error: unknown) => void;
  #stopping = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly executor: ImportExecutor,
    options: ImportRunnerOptions = {},
  ) {
    this.#pollMs = options.pollMs ?? 1000;
    this.#staleMs = options.staleMs ?? 5 * 60_000;
    this.#onError = options.onError ?? ((error) => console.error('import runner:', error));
  }

  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    const wake = () => this.#wake?.();
    importQueued.on('queued', wake);
    this.#loop = (async () => {
      while (!this.#stopping) {
        try {
          await this.runDue();
        } catch (error) {
          this.#onError(error);
        }
        if (this.#stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      importQueued.off('queued', wake);
    })();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  async runDue(): Promise<number> {
    await this.recover();
    let ran = 0;
    const { db } = this.executor.storage;
    while (!this.#stopping) {
      const next = await db
        .selectFrom(IMPORTS)
        .select('id')
        .where('status', '=', 'queued')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!next) break;
      if (await this.executor.execute(String(next.id), this.id, () => this.#stopping)) ran++;
    }
    return ran;
  }

  /** Settles the imports a crashed process left running. */
  private async recover(): Promise<void> {
    const { db } = this.executor.storage;
    const stale = new Date(Date.now() - this.#staleMs).toISOString();
    const left = (await db
      .selectFrom(IMPORTS)
      .selectAll()
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<=', stale)]))
      .execute()) as ImportRow[];
    for (const row of left) {
      // Running here, or in a live process of this machine that cannot refresh its heartbeat (SQLite's lock).
      if (RUNNING_HERE.has(row.id) || holderAlive(row.runner)) continue;
      const { options } = storedOptions(row);
      const resumable = options.atomic === false && !options.dryRun;
      await db
        .updateTable(IMPORTS)
        .set(
          resumable
            ? { status: 'queued', runner: null }
            : {
                status: 'failed',
                error_code: 'interrupted',
                error_message: importMessage(row.locale, 'interrupted'),
                processed: 0,
                created: 0,
                updated: 0,
                finished_at: new Date().toISOString(),
                runner: null,
              },
        )
        .where('id', '=', row.id)
        .where('status', '=', 'running')
        .execute();
    }
  }
}
