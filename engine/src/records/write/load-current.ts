/**
 * Stage (updates, transfers, deletes): the record as stored, read in the transaction if the caller may take the
 * action on it, at the version they expect. An update's record as it will be stored is the stored one with
 * the values set, the platform's bookkeeping included.
 */
import { TesseraError } from '../../errors.js';
import { reachable } from '../reachable.js';
import { rollupLinks } from '../rollups.js';
import type { Target, WriteBatch } from './write-batch.js';

export async function loadCurrent(batch: WriteBatch): Promise<void> {
  const target = batch.target as Target;
  const { access, object, codec } = batch;
  // A delete needs only what its roll-ups follow, unless the hooks want the whole record it removes.
  const links = batch.operation === 'delete' && !batch.hooks ? rollupLinks(access.model, object) : undefined;
  const columns = links ? ['id', ...links] : codec.columns;
  const current = await reachable(
    batch.storage,
    batch.tx.trx,
    access,
    object,
    batch.view,
    target.id,
    target.action,
    columns,
  );
  if (batch.operation === 'delete') {
    batch.priors = [codec.decode(current, links)];
    return;
  }
  const version = Number(current.version);
  if (target.expectedVersion !== undefined && target.expectedVersion !== version)
    throw new TesseraError(
      'version_conflict',
      `the record is at version ${version}, not ${target.expectedVersion}`,
      [],
      { version },
    );
  target.version = version;
  const values = {
    ...target.values,
    updated_at: new Date().toISOString(),
    updated_by: batch.actor,
    version: version + 1,
  };
  target.set = codec.encode(values);
  batch.records = [codec.decode({ ...current, ...target.set })];
  batch.priors = [codec.decode(current)];
}
