/**
 * Stage: the parents' roll-ups over the object recounted after the write; the parents' rules that read them
 * judged again (see parent-rules.ts), refusing the write when the recount breaks one (or reporting it, in
 * migration mode).
 */

import { brokenParentRules, parentsBefore } from '../parent-rules.js';
import { type Parents, recountRollups } from '../rollups.js';
import { refuseOrReport, type WriteBatch } from './write-batch.js';

export async function recount(batch: WriteBatch): Promise<void> {
  const { storage, object } = batch;
  const { trx } = batch.tx;
  const { model } = batch.access;
  const parents = batch.parents as Parents;
  const before = await parentsBefore(trx, storage, model, object, parents);
  await recountRollups(storage, trx, model, object, parents);
  if (!before) return;
  refuseOrReport(batch, await brokenParentRules(trx, storage, model, before, batch.locality));
}
