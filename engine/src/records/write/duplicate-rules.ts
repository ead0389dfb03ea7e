/**
 * Stage: the object's duplicate rules; `block` ones refuse the write (or are reported, in migration mode), `warn`
 * ones leave a warning.
 */
import { findDuplicates } from '../duplicate-rules.js';
import { refuseOrReport, type WriteBatch } from './write-batch.js';

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
  refuseOrReport(batch, issues);
  batch.context.warnings?.push(...warnings);
}
