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

/**
 * Does the job's write with `records`, whose writes join `trx`. A new owner (`owner_id`, which clients never
 * write) is given by a transfer of the record after its other values, in the same transaction.
 */
export async function runRecordWrite(records: RecordApi, trx: AnyDb, payload: WritePayload): Promise<void> {
  setChain(trx, payload.chain);
  const context = { userId: payload.actor, depth: payload.depth + 1 };
  const { owner_id: owner, ...values } = payload.values;
  let id = payload.id;
  if (!id) id = String((await records.insert(payload.object, values, context)).id);
  else if (Object.keys(values).length)
    await retried(() => records.update(payload.object, id as string, values, context));
  if (owner !== undefined)
    await retried(() => records.transfer(payload.object, id as string, { ownerId: owner }, context));
}

async function retried(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (!(error instanceof TesseraError && error.code === 'version_conflict') || attempt === UPDATE_TRIES)
        throw error;
    }
  }
}
