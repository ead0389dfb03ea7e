/**
 * The queued `create_record` and `update_record` jobs: the write goes through the record API like any other,
 * validated, on behalf of the user whose write triggered it, one step deeper in the chain of automations, so
 * the automations it triggers in turn know how they came to run.
 */
import { TesseraError } from '../errors.js';
import type { RecordApi } from '../records/record-api.js';
import type { AnyDb } from '../storage/storage.js';
import type { WritePayload } from './action-jobs.js';
import { setChain } from './transaction-state.js';

/**
 * Jobs of one batch run side by side, and several may update one parent (each child's run sets its
 * `last_request`): an update that lost the race to another reads the record again and applies its values on
 * top, as a person saving again would, a few times before the job is retried later.
 */
const UPDATE_TRIES = 5;

/** Does the job's write with `records`, whose writes join `trx`. */
export async function runRecordWrite(records: RecordApi, trx: AnyDb, payload: WritePayload): Promise<void> {
  setChain(trx, payload.chain);
  const context = { userId: payload.actor, depth: payload.depth + 1 };
  if (!payload.id) {
    await records.insert(payload.object, payload.values, context);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await records.update(payload.object, payload.id, payload.values, context);
      return;
    } catch (error) {
      if (!(error instanceof TesseraError && error.code === 'version_conflict') || attempt === UPDATE_TRIES)
        throw error;
    }
  }
}
