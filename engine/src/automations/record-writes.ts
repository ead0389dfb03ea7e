/**
 * The queued `create_record` and `update_record` jobs: the write goes through the record API like any other,
 * validated, on behalf of the user whose write triggered it, one step deeper in the chain of automations, so
 * the automations it triggers in turn know how they came to run.
 */
import type { RecordApi } from '../records/record-api.js';
import type { AnyDb } from '../storage/storage.js';
import type { WritePayload } from './action-jobs.js';
import { setChain } from './transaction-state.js';

/** Does the job's write with `records`, whose writes join `trx`. */
export async function runRecordWrite(records: RecordApi, trx: AnyDb, payload: WritePayload): Promise<void> {
  setChain(trx, payload.chain);
  const context = { userId: payload.actor, depth: payload.depth + 1 };
  if (payload.id) await records.update(payload.object, payload.id, payload.values, context);
  else await records.insert(payload.object, payload.values, context);
}
