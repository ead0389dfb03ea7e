/** Stage: new records take their auto-numbers, inside the transaction so two writers never share one. */
import { assignAutonumbers, autonumberFields } from '../autonumbers.js';
import type { WriteBatch } from './write-batch.js';

export function takeAutoNumbers(batch: WriteBatch): Promise<void> | undefined {
  if (!autonumberFields(batch.object).length) return undefined;
  return assignAutonumbers(batch.tx.trx, batch.object, batch.records);
}
