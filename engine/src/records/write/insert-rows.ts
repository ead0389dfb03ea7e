/** Stage (creates): the write itself, as few multi-row INSERTs as the parameter limit allows. */
import { insertRows } from '../insert-statement.js';
import type { WriteBatch } from './write-batch.js';

export async function insertRecords(batch: WriteBatch): Promise<void> {
  for (const chunk of batch.insert?.chunks ?? [])
    if (chunk.length)
      await insertRows(batch.tx.trx, batch.storage.dialect, batch.object, batch.codec.columns, chunk);
}
