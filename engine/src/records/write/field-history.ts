/** Stage (updates): one history row per changed field, for objects with `trackHistory`. */
import { recordFieldChanges } from '../../identity/field-history.js';
import type { WriteBatch } from './write-batch.js';

export function trackFieldHistory(batch: WriteBatch): Promise<void> | undefined {
  const prior = batch.priors?.[0];
  const record = batch.records[0];
  if (!batch.object.document['x-tessera'].trackHistory || !prior || !record) return undefined;
  return recordFieldChanges(batch.tx.trx, batch.object, prior, record, batch.actor);
}
