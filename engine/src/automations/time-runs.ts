/**
 * A run of a time-triggered automation (a cron schedule or a relative trigger) on one record. There is no write
 * to join, so every action goes to the queue, changes to the record itself included; the chain of automations
 * starts afresh.
 */
import { clockIn } from '../formulas/formula-clock.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { RunInput } from '../queue/record-runs.js';
import type { RecordData } from '../records/record-api.js';
import { rowCodec } from '../records/row-codec.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { queuedJobs } from './action-jobs.js';
import type { CompiledAutomation } from './compile-automations.js';
import { contextOf, readsOf, whenHolds } from './match.js';

export interface TimeRunScope {
  trx: AnyDb;
  storage: Storage;
  model: CompiledModel;
  /** The zone TODAY() is counted in for the run's formulas. */
  timeZone: string;
  now: number;
}

/**
 * The runs of `automation` on those of `records` that match its `when` now (each record as stored: the
 * formulas see no prior values, so ISCHANGED is false).
 */
export async function timeTriggeredRuns(
  scope: TimeRunScope,
  automation: CompiledAutomation,
  records: readonly RecordData[],
  trigger: 'schedule' | 'relative',
  actor: string | null,
): Promise<RunInput[]> {
  const clock = clockIn(scope.timeZone, scope.now);
  const { object } = automation;
  const seen = await readsOf(
    { db: scope.trx, dialect: scope.storage.dialect, model: scope.model, object, clock },
    [automation],
    records,
  );
  const runs: RunInput[] = [];
  for (const [i, record] of seen.records.entries()) {
    const context = contextOf(record, record, clock, seen.follow);
    if (!whenHolds(automation, context)) continue;
    const recordId = String(record.id);
    const jobs = await queuedJobs(
      {
        ...scope,
        object,
        automation,
        trigger,
        record,
        previous: null,
        stored: records[i] as RecordData,
        context,
        follow: seen.follow,
        chain: [automation.apiName],
        depth: 0,
        actor,
        occurredAt: new Date(scope.now).toISOString(),
      },
      automation.actions,
    );
    runs.push({
      automation: automation.apiName,
      object: object.apiName,
      recordId,
      trigger,
      depth: 0,
      actor,
      inTransaction: [],
      jobs,
    });
  }
  return runs;
}

/** One record as stored, read in the caller's transaction, or undefined when it is gone. */
export async function storedRecord(
  trx: AnyDb,
  storage: Storage,
  model: CompiledModel,
  object: string,
  id: string,
): Promise<RecordData | undefined> {
  const compiled = model.objects.get(object);
  if (!compiled) return undefined;
  const codec = rowCodec(compiled, storage.dialect);
  const row = await trx.selectFrom(object).select(codec.columns).where('id', '=', id).executeTakeFirst();
  return row ? codec.decode(row as Record<string, unknown>) : undefined;
}
