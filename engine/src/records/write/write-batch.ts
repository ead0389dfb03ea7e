/**
 * What the stages of one write share (see pipeline.ts): the records of one object being written in one
 * transaction, on whose behalf, and what earlier stages found out about them.
 */
import type { Access } from '../../access/access.js';
import type { Issue } from '../../errors.js';
import type { CompiledObject } from '../../model/compiled-model.js';
import type { AnyDb, Storage } from '../../storage/storage.js';
import type { Locality } from '../locality.js';
import type { RecordAction } from '../reachable.js';
import type { RecordData, WriteContext } from '../record-api.js';
import { invalid } from '../record-errors.js';
import type { Parents } from '../rollups.js';
import type { RowCodec } from '../row-codec.js';
import type { RecordChange, WriteOperation } from './record-change.js';
import type { AfterSaveContext, WriteHooks } from './write-hooks.js';

/** One write transaction: it may write several batches (a bulk upsert), the after-save stage sees them all. */
export interface WriteTransaction {
  readonly trx: AnyDb;
  /** The record changes of the batches written so far; collected only for objects the hooks watch. */
  readonly changes: RecordChange[];
  /** Who is told about the changes, and in what context: set by the first batch that has changes. */
  afterSave?: { hooks: WriteHooks; context: Omit<AfterSaveContext, 'changes'> };
}

/** A create's rows, encoded into statement-sized parameter lists (SQLite binds at most 32,766). */
export interface InsertRows {
  readonly chunks: unknown[][];
  /** Parameters per statement: a whole number of rows. */
  readonly perChunk: number;
  /** Whether the records have been encoded (before the transaction when nothing in it changes them). */
  encoded: boolean;
}

/** The one existing record an update, transfer or delete writes. */
export interface Target {
  readonly id: string;
  /** What the caller must be allowed to do to it. */
  readonly action: RecordAction;
  readonly expectedVersion?: number;
  /** The values the write sets (update, transfer): validated already; system values are added on load. */
  readonly values: RecordData;
  /** The version read (load-current.ts). */
  version: number;
  /** The encoded columns the update sets. */
  set: RecordData;
}

export interface WriteBatch {
  readonly operation: WriteOperation;
  readonly tx: WriteTransaction;
  readonly storage: Storage;
  /** The caller's access under the write's model (`access.model`). */
  readonly access: Access;
  /** The whole object: every stage works on complete records. */
  readonly object: CompiledObject;
  /** The object as the caller may see it: the answer shows only its fields. */
  readonly view: CompiledObject;
  readonly codec: RowCodec;
  readonly locality: Locality;
  readonly context: WriteContext;
  /** The user on whose behalf the write is made. */
  readonly actor: string | null;
  /** The hooks, only when they watch the object: without them their stages cost nothing. */
  readonly hooks: WriteHooks | undefined;
  /** Where a record's issues point: `/3` in a batch, `/records/3` in a bulk write, `` for one record. */
  readonly pointerOf: (index: number) => string;
  /** The records as they will be stored (decoded, system fields included); empty for a delete. */
  records: RecordData[];
  /** The records as stored before the write (update, transfer, delete); undefined for a create. */
  priors: RecordData[] | undefined;
  insert?: InsertRows;
  target?: Target;
  /** The records with their formulas as the validation rules computed them, if rules ran. */
  computed?: RecordData[];
  /** The master-detail parents whose roll-ups the write changes (lock-parents.ts). */
  parents?: Parents;
}

/**
 * Broken rules refuse the write, unless it reports them (`ruleViolations`, migration mode): then they are noted
 * and the write goes on.
 */
export function refuseOrReport(batch: WriteBatch, issues: Issue[]): void {
  if (!issues.length) return;
  if (!batch.context.ruleViolations) throw invalid(batch.object, issues);
  batch.context.ruleViolations.push(...issues);
}

/** One step of a write: synchronous when it has nothing to wait for, so a skipped stage costs no promise. */
export type Stage = (batch: WriteBatch) => void | Promise<void>;

/** What every hook call is told about the write. */
export const hookContext = (batch: WriteBatch): Omit<AfterSaveContext, 'changes'> => ({
  trx: batch.tx.trx,
  storage: batch.storage,
  model: batch.access.model,
  locality: batch.locality,
  actor: batch.actor,
  depth: batch.context.depth ?? 0,
});
