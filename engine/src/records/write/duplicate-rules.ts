/** Stage: the object's duplicate rules; `block` ones refuse the write, `warn` ones leave a warning. */
import { findDuplicates } from '../duplicate-rules.js';
import { invalid } from '../record-errors.js';
import type { WriteBatch } from './write-batch.js';

export async function checkDuplicateRules(batch: WriteBatch): Promise<void> {
  const { issues, warnings } = await findDuplicates({
    storage: batch.storage,
    trx: batch.tx.trx,
    model: batch.access.model,
    object: batch.object,
    records: batch.records,
    pointerOf: batch.pointerOf,
    locale: batch.locality.locale,
  });
  if (issues.length) throw invalid(batch.object, issues);
  batch.context.warnings?.push(...warnings);
}
