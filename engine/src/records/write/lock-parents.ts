/**
 * Stage: the master-detail parents whose roll-ups the write changes (the records' parents before and after:
 * moving a child changes both), locked against other writers of their children until the transaction ends.
 */
import { lockParents, parentsOf } from '../rollups.js';
import type { WriteBatch } from './write-batch.js';

export function lockRollupParents(batch: WriteBatch): Promise<void> {
  const records = batch.priors ? batch.priors.concat(batch.records) : batch.records;
  batch.parents = parentsOf(batch.access.model, batch.object, records);
  return lockParents(batch.storage, batch.tx.trx, batch.parents);
}
