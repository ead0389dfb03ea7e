/**
 * The transaction's last stage: once all its batches are written (roll-ups and stored formulas included), the
 * hooks get the record changes, still inside the transaction, so what they record commits or rolls back with
 * the write.
 */
import type { WriteTransaction } from './write-batch.js';

export function afterSave(tx: WriteTransaction): Promise<void> | undefined {
  if (!tx.afterSave || !tx.changes.length) return undefined;
  return tx.afterSave.hooks.afterSave({ ...tx.afterSave.context, changes: tx.changes });
}
