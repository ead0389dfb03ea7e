/**
 * The write pipeline: each kind of write is an ordered list of small stages over one batch of records, run in
 * the write's transaction. Stages with nothing to do for the object (no lookups, no rules, no hooks watching)
 * return at once without a promise, so what a write costs is what its object needs. After all of a
 * transaction's batches, `afterSave` (after-save.ts) hands the record changes to the hooks.
 */
import { takeAutoNumbers } from './auto-numbers.js';
import { beforeSave } from './before-save.js';
import { deleteRecord } from './delete-row.js';
import { checkDependentPicklists } from './dependent-picklists.js';
import { checkDuplicateRules } from './duplicate-rules.js';
import { trackFieldHistory } from './field-history.js';
import { fillFormulaFields } from './formula-fields.js';
import { insertRecords } from './insert-rows.js';
import { loadCurrent } from './load-current.js';
import { lockRollupParents } from './lock-parents.js';
import { checkNewOwner } from './new-owner.js';
import { collectRecordChanges } from './record-changes.js';
import { checkReferences } from './references.js';
import { recount } from './rollups.js';
import { indexForSearch } from './search-index.js';
import { computeStoredFormulas } from './stored-formulas.js';
import { updateRecord } from './update-row.js';
import { checkValidationRules } from './validation-rules.js';
import type { Stage, WriteBatch } from './write-batch.js';

/** New records, validated field by field before the transaction (prepare-create.ts). */
export const CREATE_STAGES: readonly Stage[] = [
  checkReferences,
  takeAutoNumbers,
  beforeSave,
  computeStoredFormulas,
  checkValidationRules,
  checkDuplicateRules,
  lockRollupParents,
  insertRecords,
  indexForSearch,
  recount,
  collectRecordChanges,
  fillFormulaFields,
];

/** A client's patch to one record, validated field by field before the transaction. */
export const UPDATE_STAGES: readonly Stage[] = [
  loadCurrent,
  checkReferences,
  beforeSave,
  computeStoredFormulas,
  checkDependentPicklists,
  checkValidationRules,
  checkDuplicateRules,
  lockRollupParents,
  updateRecord,
  indexForSearch,
  recount,
  trackFieldHistory,
  collectRecordChanges,
  fillFormulaFields,
];

/**
 * A record given to another owner: nothing a client chose but the owner changes, so field values are not
 * checked again (an automation's patch is checked by before-save itself).
 */
export const TRANSFER_STAGES: readonly Stage[] = [
  loadCurrent,
  checkNewOwner,
  beforeSave,
  computeStoredFormulas,
  lockRollupParents,
  updateRecord,
  indexForSearch,
  recount,
  trackFieldHistory,
  collectRecordChanges,
  fillFormulaFields,
];

export const DELETE_STAGES: readonly Stage[] = [
  loadCurrent,
  lockRollupParents,
  deleteRecord,
  indexForSearch,
  recount,
  collectRecordChanges,
];

export async function runStages(stages: readonly Stage[], batch: WriteBatch): Promise<void> {
  // A plain loop: a stage that returns nothing is not awaited (no promise, no microtask).
  for (const stage of stages) {
    const pending = stage(batch);
    if (pending) await pending;
  }
}
