/**
 * The after-save stage of automations, in the write's transaction: for every record the write changed, a run
 * of each automation it triggered, with the in-transaction actions it did and jobs for the rest (recorded by
 * the queue in the same transaction, so they happen after commit, and never for a write that rolled back);
 * and the record's relative triggers planned again or cancelled.
 */
import { clockIn } from '../formulas/formula-clock.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { cancelJobs, type JobInput, type RunInput, recordRuns } from '../queue/record-runs.js';
import type { RecordData } from '../records/record-api.js';
import type { RecordChange } from '../records/write/record-change.js';
import type { AfterSaveContext } from '../records/write/write-hooks.js';
import { queuedJobs } from './action-jobs.js';
import { chainRefusal } from './chain-depth.js';
import { automationsOf, type CompiledAutomation } from './compile-automations.js';
import { contextOf, readsOf, triggers, whenHolds } from './match.js';
import { plannedAt, relativeKey, touchesPlan } from './relative-plan.js';
import { chainOf, claimRun, recordKey, stateOf, type Triggered, writeKey } from './transaction-state.js';

export async function afterSave(ctx: AfterSaveContext, now: number): Promise<void> {
  const runs: RunInput[] = [];
  const cancelled: string[] = [];
  const { judged } = stateOf(ctx.trx);
  for (const [object, changes] of byObject(ctx)) {
    const automations = automationsOf(ctx.model, object);
    const { relative } = automations;
    const deletes = automations.on.delete;
    // Most writes trigger nothing: the records are read for formulas only when something is to be judged.
    const pending = changes.filter(
      (c) =>
        relative.length ||
        (c.operation === 'delete' ? deletes.length : judged.has(writeKey(object.apiName, c.id, c.operation))),
    );
    if (!pending.length) continue;
    const clock = clockIn(ctx.locality.timeZone, now);
    const records = pending.map((c) => (c.after ?? c.before) as RecordData);
    const seen = automations.reads
      ? await readsOf(
          { db: ctx.trx, dialect: ctx.storage.dialect, model: ctx.model, object, clock },
          [...automations.record, ...relative],
          records,
        )
      : { records, follow: undefined };
    for (const [i, change] of pending.entries()) {
      const current = seen.records[i] as RecordData;
      const context = contextOf(current, change.before, clock, seen.follow);
      const source = { ...ctx, object, record: current, context, follow: seen.follow };
      const found =
        change.operation === 'delete'
          ? judgeDelete(ctx, object, deletes, change, context)
          : taken(judged, writeKey(object.apiName, change.id, change.operation));
      for (const triggered of found) runs.push(await runOf(source, change, triggered, now));
      for (const automation of relative) {
        if (!touchesPlan(automation, change)) continue;
        const key = relativeKey(automation.apiName, object.apiName, change.id);
        const at =
          change.after && whenHolds(automation, context)
            ? plannedAt(automation, current, ctx.locality.timeZone)
            : undefined;
        if (at === undefined) {
          if (change.operation !== 'create') cancelled.push(key);
          continue;
        }
        runs.push(plannedRun(ctx, automation, change, at, key));
      }
    }
  }
  if (cancelled.length) await cancelJobs(ctx.trx, cancelled, now);
  if (runs.length) await recordRuns(ctx.trx, ctx.storage.dialect, runs, now);
}

/** The changes grouped by object, in order: the lookups automations read are loaded once per object. */
function byObject(ctx: AfterSaveContext): Map<CompiledObject, RecordChange[]> {
  const groups = new Map<CompiledObject, RecordChange[]>();
  for (const change of ctx.changes) {
    const object = ctx.model.object(change.object);
    const group = groups.get(object);
    if (group) group.push(change);
    else groups.set(object, [change]);
  }
  return groups;
}

/** What the before-save stage found for a write, taken once: a second change of the record finds nothing. */
function taken(judged: Map<string, Triggered[]>, key: string): Triggered[] {
  const found = judged.get(key) ?? [];
  judged.delete(key);
  return found;
}

/** The delete automations a deleted record triggers, judged on the record as it was. */
function judgeDelete(
  ctx: AfterSaveContext,
  object: CompiledObject,
  automations: readonly CompiledAutomation[],
  change: RecordChange,
  context: ReturnType<typeof contextOf>,
): Triggered[] {
  const key = recordKey(object.apiName, change.id);
  const chain = chainOf(ctx.trx);
  const found: Triggered[] = [];
  for (const automation of automations) {
    if (!triggers(automation, change.operation, change.before, change.after, context)) continue;
    if (!claimRun(ctx.trx, automation.apiName, key)) continue;
    const failed = chainRefusal(ctx.depth, chain, automation.apiName);
    found.push(failed ? { automation, failed } : { automation });
  }
  return found;
}

type Source = AfterSaveContext & {
  object: CompiledObject;
  record: RecordData;
  context: ReturnType<typeof contextOf>;
  follow: Awaited<ReturnType<typeof readsOf>>['follow'];
};

async function runOf(src: Source, change: RecordChange, found: Triggered, now: number): Promise<RunInput> {
  const { automation } = found;
  const run: RunInput = {
    automation: automation.apiName,
    object: src.object.apiName,
    recordId: change.id,
    trigger: change.operation,
    depth: src.depth,
    actor: change.actor,
    inTransaction: [],
    jobs: [],
  };
  if (found.failed) return { ...run, failed: found.failed };
  // A deleted record has nothing left to change.
  if (change.operation !== 'delete')
    run.inTransaction = automation.inTransaction.map((a) => ({ index: a.index, type: a.type }));
  // Most automations only change the record in the write's transaction: nothing to queue, no source to build.
  if (!automation.queued.length) return run;
  run.jobs = await queuedJobs(
    {
      ...src,
      automation,
      trigger: change.operation,
      previous: change.before,
      stored: change.after,
      chain: [...chainOf(src.trx), automation.apiName],
      actor: change.actor,
      occurredAt: new Date(now).toISOString(),
    },
    automation.queued,
  );
  return run;
}

/** A relative trigger's run, planned: one job, due at `at`, that runs the automation if it still applies. */
function plannedRun(
  ctx: AfterSaveContext,
  automation: CompiledAutomation,
  change: RecordChange,
  at: number,
  replaceKey: string,
): RunInput {
  const job: JobInput = {
    actionIndex: -1,
    type: 'relative',
    payload: {
      automation: automation.apiName,
      object: change.object,
      recordId: change.id,
      actor: change.actor,
      // Formulas of the run see TODAY() in the zone of the write that planned it.
      timeZone: ctx.locality.timeZone,
    },
    runAt: at,
    replaceKey,
  };
  return {
    automation: automation.apiName,
    object: change.object,
    recordId: change.id,
    trigger: 'relative',
    depth: ctx.depth,
    actor: change.actor,
    inTransaction: [],
    jobs: [job],
  };
}
