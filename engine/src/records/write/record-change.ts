/**
 * What one transaction did to one record: the write pipeline's output, read by the after-save stage
 * (automations, and later approvals and import reports).
 */
import type { RecordData } from '../record-api.js';

export type WriteOperation = 'create' | 'update' | 'delete';

export interface RecordChange {
  object: string;
  id: string;
  operation: WriteOperation;
  /** The stored record before the write; null for a create. */
  before: RecordData | null;
  /** The stored record after the write; null for a delete. */
  after: RecordData | null;
  /** Fields whose stored value the write changed (every field set on a create). */
  changedFields: readonly string[];
  /** The user on whose behalf the write was made. */
  actor: string | null;
}
