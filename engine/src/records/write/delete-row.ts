/** Stage (deletes): the write itself; the database applies the lookups' onDelete. */
import { notFound } from '../record-errors.js';
import type { Target, WriteBatch } from './write-batch.js';

export async function deleteRecord(batch: WriteBatch): Promise<void> {
  const { id } = batch.target as Target;
  const result = await batch.tx.trx.deleteFrom(batch.object.apiName).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound(batch.object, id);
}
