/**
 * The cron scheduler of one workspace: each scheduled automation fires at its times in its zone, and each time
 * every record matching its filter gets a run. The last fire time is kept per automation in the database and
 * moved forward in the same transaction that records the runs, by whoever moves it first, so several runtimes on
 * one database fire each time once, and a crash between the two loses or doubles nothing. A schedule first
 * seen (or changed) counts from then: it never fires for times before it existed.
 */
import { SYSTEM_SUBJECT } from '../access/subject.js';
import type { CompiledModel } from '../model/compiled-model.js';
import { type Clock, SYSTEM_CLOCK } from '../queue/clock.js';
import { recordRuns } from '../queue/record-runs.js';
import { RecordApi, type RecordData } from '../records/record-api.js';
import type { Storage } from '../storage/storage.js';
import { TransactionStorage } from '../storage/transaction-storage.js';
import { SCHEDULES, type ScheduleRow } from './automation-tables.js';
import { automationPlan, type CompiledAutomation } from './compile-automations.js';
import { latestDue } from './cron-times.js';
import { timeTriggeredRuns } from './time-runs.js';

export interface SchedulerOptions {
  storage: Storage;
  model: () => CompiledModel;
  clock?: Clock;
}

/** Records read per query when a schedule fires. */
const PAGE = 500;
const POLL_MS = 15_000;

export class AutomationScheduler {
  readonly #options: SchedulerOptions;
  readonly #clock: Clock;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<number> | undefined;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** Fires the schedules that are due now; answers how many runs were recorded. */
  async runDue(): Promise<number> {
    const model = this.#options.model();
    let runs = 0;
    for (const automation of automationPlan(model).scheduled) runs += await this.fire(model, automation);
    return runs;
  }

  /** Checks the schedules every `intervalMs` (cron has minutes: a quarter of one is soon enough). */
  start(intervalMs = POLL_MS): void {
    this.#timer ??= setInterval(() => {
      this.#running ??= this.runDue().finally(() => {
        this.#running = undefined;
      });
      this.#running.catch(() => {});
    }, intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
  }

  private async fire(model: CompiledModel, automation: CompiledAutomation): Promise<number> {
    const schedule = automation.schedule as NonNullable<CompiledAutomation['schedule']>;
    const pattern = `${schedule.cron} ${schedule.timeZone}`;
    const now = this.#clock.now();
    return (await this.due(automation, pattern, now)) ? this.claim(model, automation, pattern, now) : 0;
  }

  /** Whether the schedule may fire now (or is new), read without a write transaction: most checks find nothing. */
  private async due(automation: CompiledAutomation, pattern: string, now: number): Promise<boolean> {
    const row = (await this.#options.storage.db
      .selectFrom(SCHEDULES)
      .selectAll()
      .where('automation', '=', automation.apiName)
      .executeTakeFirst()) as ScheduleRow | undefined;
    if (!row || row.pattern !== pattern) return true;
    const { cron, timeZone } = automation.schedule as NonNullable<CompiledAutomation['schedule']>;
    return latestDue(cron, timeZone, Date.parse(row.fired_at), now) !== undefined;
  }

  /** Fires the schedule if it is still due once its row is locked: another runtime may have fired it. */
  private claim(
    model: CompiledModel,
    automation: CompiledAutomation,
    pattern: string,
    now: number,
  ): Promise<number> {
    const { storage } = this.#options;
    const schedule = automation.schedule as NonNullable<CompiledAutomation['schedule']>;
    return storage.writeTransaction(async (trx) => {
      const row = (await trx
        .selectFrom(SCHEDULES)
        .selectAll()
        .where('automation', '=', automation.apiName)
        .$if(storage.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst()) as ScheduleRow | undefined;
      const at = new Date(now).toISOString();
      if (!row || row.pattern !== pattern) {
        await trx
          .insertInto(SCHEDULES)
          .values({ automation: automation.apiName, pattern, fired_at: at })
          .onConflict((oc) => oc.column('automation').doUpdateSet({ pattern, fired_at: at }))
          .execute();
        return 0;
      }
      const due = latestDue(schedule.cron, schedule.timeZone, Date.parse(row.fired_at), now);
      if (due === undefined) return 0;
      const moved = await trx
        .updateTable(SCHEDULES)
        .set({ fired_at: new Date(due).toISOString() })
        .where('automation', '=', automation.apiName)
        .where('fired_at', '=', row.fired_at)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return 0;
      const records = await matching(new TransactionStorage(storage, trx), model, automation);
      const runs = await timeTriggeredRuns(
        { trx, storage, model, timeZone: schedule.timeZone, now },
        automation,
        records,
        'schedule',
        null,
      );
      if (runs.length) await recordRuns(trx, storage.dialect, runs, now);
      return runs.length;
    });
  }
}

/** Every record of the automation's object its filter matches, read page by page in the transaction. */
async function matching(
  storage: Storage,
  model: CompiledModel,
  automation: CompiledAutomation,
): Promise<RecordData[]> {
  const models = { current: () => model, refresh: async () => model, head: async () => model.version };
  const records = new RecordApi(storage, models, SYSTEM_SUBJECT);
  const filter = automation.schedule?.filter;
  const all: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await records.page(automation.object.apiName, {
      ...(filter !== undefined ? { filter } : {}),
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
