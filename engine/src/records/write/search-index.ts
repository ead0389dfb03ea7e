/**
 * Stage (every write): the object's search index follows the rows just written, in the same transaction, so a
 * search never finds what a write rolled back nor misses what it committed (search/index-records.ts).
 */
import { indexCreated, indexDeleted, indexUpdated } from '../../search/index-records.js';
import { searchFields } from '../../search/search-fields.js';
import type { WriteBatch } from './write-batch.js';

export function indexForSearch(batch: WriteBatch): Promise<void> | undefined {
  const { object, tx } = batch;
  if (!searchFields(object).length) return undefined;
  if (batch.operation === 'create') return indexCreated(tx.trx, object, batch.records);
  if (batch.operation === 'delete') return indexDeleted(tx.trx, object, [String(batch.target?.id)]);
  const [prior, record] = [batch.priors?.[0], batch.records[0]];
  return prior && record ? indexUpdated(tx.trx, object, prior, record) : undefined;
}
