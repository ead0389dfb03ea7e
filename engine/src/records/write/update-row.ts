/** Stage (updates, transfers): the write itself, only if the row is still at the version read. */
import { TesseraError } from '../../errors.js';
import type { Target, WriteBatch } from './write-batch.js';

export async function updateRecord(batch: WriteBatch): Promise<void> {
  const { id, version, set } = batch.target as Target;
  const result = await batch.tx.trx
    .updateTable(batch.object.apiName)
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new TesseraError('version_conflict', 'the record was changed by someone else meanwhile', [], {
      version,
    });
}
