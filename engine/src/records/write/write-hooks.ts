/**
 * Where the write pipeline lets other modules in: automations change a record before it is validated and
 * saved, and record what else a write triggers, in the write's own transaction.
 */
import type { CompiledModel, CompiledObject } from '../../model/compiled-model.js';
import type { AnyDb, Storage } from '../../storage/storage.js';
import type { Locality } from '../locality.js';
import type { RecordData } from '../record-api.js';
import type { RecordChange, WriteOperation } from './record-change.js';

/** One record of a write, as the before-save stage sees it. */
export interface PendingWrite {
  operation: Exclude<WriteOperation, 'delete'>;
  /** The stored record before the write; null for a create. */
  before: RecordData | null;
  /** The record as it will be stored (system fields included); before-save patches are merged into it. */
  after: RecordData;
  /** Where the record's issues point (`/records/3` in a bulk write, `` for a single one). */
  pointer: string;
}

/** Values a before-save action sets on one of the pending records; validated like a client's patch. */
export interface BeforeSavePatch {
  /** Index into `writes`. */
  index: number;
  /** Field values; `owner_id` is allowed (assignment) and must name an active user. */
  values: RecordData;
  /** The automation's API name: a patch that breaks the record fails the write naming it. */
  source: string;
}

interface HookContext {
  trx: AnyDb;
  storage: Storage;
  model: CompiledModel;
  locality: Locality;
  actor: string | null;
  /** How many automation steps led to this write: 0 for a user's write. */
  depth: number;
}

export interface BeforeSaveContext extends HookContext {
  object: CompiledObject;
  writes: readonly PendingWrite[];
}

export interface AfterSaveContext extends HookContext {
  changes: readonly RecordChange[];
}

export interface WriteHooks {
  /** Whether writes of `object` have anything to run: when not, the pipeline skips the hooks' cost. */
  watches(model: CompiledModel, object: CompiledObject): boolean;
  /** After references and auto-numbers, before validation rules: changes to the records being written. */
  beforeSave(context: BeforeSaveContext): Promise<readonly BeforeSavePatch[]>;
  /** After the write, roll-ups and stored formulas, still in the transaction: what the write triggers. */
  afterSave(context: AfterSaveContext): Promise<void>;
}
