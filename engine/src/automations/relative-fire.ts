/**
 * A relative trigger's planned job, when it is due: the automation runs on the record if both still exist and
 * the record still matches `when` (a change since may have made it false without touching what the plan
 * watches, e.g. through a lookup); otherwise the job ends having done nothing.
 */
import type { CompiledModel } from '../model/compiled-model.js';
import { recordRuns } from '../queue/record-runs.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { automationPlan } from './compile-automations.js';
import { storedRecord, timeTriggeredRuns } from './time-runs.js';

export interface RelativePayload {
  automation: string;
  object: string;
  recordId: string;
  actor: string | null;
  timeZone: string;
}

/** Records the automation's run on the record, in `trx`; answers whether it ran. */
export async function fireRelative(
  scope: { trx: AnyDb; storage: Storage; model: CompiledModel; now: number },
  payload: RelativePayload,
): Promise<boolean> {
  const automation = automationPlan(scope.model).byName.get(payload.automation);
  if (!automation?.document.active || !automation.relative || automation.object.apiName !== payload.object)
    return false;
  const record = await storedRecord(scope.trx, scope.storage, scope.model, payload.object, payload.recordId);
  if (!record) return false;
  const runs = await timeTriggeredRuns(
    { ...scope, timeZone: payload.timeZone },
    automation,
    [record],
    'relative',
    payload.actor,
  );
  if (!runs.length) return false;
  await recordRuns(scope.trx, scope.storage.dialect, runs, scope.now);
  return true;
}
