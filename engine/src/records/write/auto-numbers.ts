/** Stage (creates): new records take their auto-numbers, inside the transaction so two writers never share one. */
import type { CompiledObject } from '../../model/compiled-model.js';
import { assignAutonumbers, autonumberFields } from '../autonumbers.js';
import type { WriteBatch } from './write-batch.js';

const numberedObjects = new WeakMap<CompiledObject, boolean>();

/** Whether new records of `object` take auto-numbers (looked up once per compiled object). */
export function isNumbered(object: CompiledObject): boolean {
  let numbered = numberedObjects.get(object);
  if (numbered === undefined) {
    numbered = autonumberFields(object).length > 0;
    numberedObjects.set(object, numbered);
  }
  return numbered;
}

export function takeAutoNumbers(batch: WriteBatch): Promise<void> | undefined {
  if (!isNumbered(batch.object)) return undefined;
  return assignAutonumbers(batch.tx.trx, batch.object, batch.records);
}
