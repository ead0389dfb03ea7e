/**
 * The before-save stage of automations: for each record of a write, the record-triggered automations it
 * triggers, judged on the record as it will be stored, each seeing the changes of the ones before it (in API
 * name order). Their changes to the record itself (`update_record` without a path, `assign`) become patches
 * the write pipeline validates like a client's; the rest is recorded after the write (after-save.ts).
 */
import { clockIn } from '../formulas/formula-clock.js';
import type { Follow, RecordContext } from '../formulas/record-context.js';
import type { RecordData } from '../records/record-api.js';
import type { BeforeSaveContext, BeforeSavePatch } from '../records/write/write-hooks.js';
import { chainRefusal } from './chain-depth.js';
import { automationsOf, type CompiledAction, type CompiledAutomation } from './compile-automations.js';
import { contextOf, readsOf, triggers } from './match.js';
import { nextAssignee } from './round-robin.js';
import { setValues } from './set-values.js';
import { chainOf, claimRun, recordKey, stateOf, writeKey } from './transaction-state.js';

export async function beforeSave(ctx: BeforeSaveContext): Promise<BeforeSavePatch[]> {
  const { on, reads } = automationsOf(ctx.model, ctx.object);
  const operation = ctx.writes[0]?.operation;
  const automations = operation ? on[operation] : [];
  if (!automations.length) return [];
  const clock = clockIn(ctx.locality.timeZone);
  const records = ctx.writes.map((w) => w.after);
  const seen = reads
    ? await readsOf(
        { db: ctx.trx, dialect: ctx.storage.dialect, model: ctx.model, object: ctx.object, clock },
        automations,
        records,
      )
    : { records, follow: undefined };
  const { judged } = stateOf(ctx.trx);
  const chain = chainOf(ctx.trx);
  const patches: BeforeSavePatch[] = [];
  for (const [index, write] of ctx.writes.entries()) {
    // The record as the automations see it, with the changes of the ones before: copied once something
    // changes it, never the write's own.
    let working = seen.records[index] as RecordData;
    let context = contextOf(working, write.before, clock, seen.follow);
    const key = recordKey(ctx.object.apiName, write.after.id);
    const judgedAt = writeKey(ctx.object.apiName, write.after.id, write.operation);
    let found = judged.get(judgedAt);
    for (const automation of automations) {
      if (!triggers(automation, write.operation, write.before, working, context)) continue;
      if (!claimRun(ctx.trx, automation.apiName, key)) continue;
      const failed = chainRefusal(ctx.depth, chain, automation.apiName);
      if (!found) {
        found = [];
        judged.set(judgedAt, found);
      }
      found.push(failed ? { automation, failed } : { automation });
      if (failed || !automation.inTransaction.length) continue;
      const values = await changesOf(ctx, automation, context, working, seen.follow);
      if (!Object.keys(values).length) continue;
      patches.push({ index, values, source: automation.apiName });
      working = { ...working, ...values };
      context = contextOf(working, write.before, clock, seen.follow);
    }
  }
  return patches;
}

/** What an automation's in-transaction actions set on the record, in action order. */
async function changesOf(
  ctx: BeforeSaveContext,
  automation: CompiledAutomation,
  context: RecordContext,
  record: RecordData,
  follow: Follow | undefined,
): Promise<RecordData> {
  const values: RecordData = {};
  for (const action of automation.inTransaction)
    Object.assign(values, await actionValues(ctx, automation, action, context, record, follow));
  return values;
}

/** The values one action sets on the triggering record (also used by time triggers, through the queue). */
export async function actionValues(
  ctx: Pick<BeforeSaveContext, 'trx' | 'storage'>,
  automation: CompiledAutomation,
  action: CompiledAction,
  context: RecordContext,
  record: RecordData,
  follow: Follow | undefined,
): Promise<RecordData> {
  if (action.type === 'update_record') return setValues(action.set, context);
  if (action.type !== 'assign') return {};
  const owner = action.roundRobin
    ? await nextAssignee(
        ctx.trx,
        ctx.storage.dialect,
        `${automation.apiName}#${action.index}`,
        action.roundRobin.role,
      )
    : action.path && (follow ? follow(record, action.path) : record[action.path[0] as string]);
  // Nobody to assign to (an empty field, a role without active users): the owner stays.
  return typeof owner === 'string' ? { owner_id: owner } : {};
}
