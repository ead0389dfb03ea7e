/**
 * Before a create's transaction: every input validated (field by field, default formulas, dependent
 * picklists) and completed with its system values; all issues of the batch are reported at once. When nothing
 * in the transaction can change the records (no auto-numbers, no hooks watching) their rows are encoded here
 * too, keeping the transaction, which SQLite runs one at a time, short.
 */
import type { Access } from '../../access/access.js';
import type { Issue } from '../../errors.js';
import { applyDefaultFormulas } from '../../formulas/default-formulas.js';
import { clockIn } from '../../formulas/formula-clock.js';
import type { CompiledObject } from '../../model/compiled-model.js';
import { dependentPicklistIssues } from '../dependent-picklists.js';
import type { Locality } from '../locality.js';
import type { RecordData } from '../record-api.js';
import { invalid, MAX_PARAMETERS } from '../record-errors.js';
import { newRecordId } from '../record-ids.js';
import { rollupStart } from '../rollups.js';
import type { RowCodec } from '../row-codec.js';
import { isNumbered } from './auto-numbers.js';
import { prepareClientInput } from './client-input.js';
import { encodeNewRecords } from './stored-formulas.js';
import type { InsertRows } from './write-batch.js';

export interface CreateInput {
  access: Access;
  object: CompiledObject;
  view: CompiledObject;
  codec: RowCodec;
  inputs: readonly unknown[];
  actor: string | null;
  locality: Locality;
  pointerOf: (index: number) => string;
  /** Whether hooks watch the object: their before-save stage may change the records in the transaction. */
  watched: boolean;
}

export function prepareCreate(input: CreateInput): { records: RecordData[]; insert: InsertRows } {
  const { access, object, view, codec, locality, pointerOf } = input;
  const issues: Issue[] = [];
  const records: RecordData[] = [];
  const initial = rollupStart(object);
  const start = Object.keys(initial).length ? initial : undefined;
  const clock = clockIn(locality.timeZone);
  const { locale } = locality;
  const now = new Date(clock.now).toISOString();
  // One system-values object for the whole batch; only the id changes from record to record.
  const system: RecordData = {
    id: '',
    created_at: now,
    updated_at: now,
    created_by: input.actor,
    updated_by: input.actor,
    owner_id: input.actor,
    version: 1,
  };
  for (const [index, value] of input.inputs.entries()) {
    const prepared = prepareClientInput(access, object, view, value, 'create', locale);
    if (!prepared.issues.length) {
      const defaults = applyDefaultFormulas(object, prepared.values, clock, locale);
      if (defaults.length) prepared.issues = defaults;
    }
    if (prepared.issues.length) {
      for (const issue of prepared.issues)
        issues.push({ ...issue, pointer: `${pointerOf(index)}${issue.pointer}` });
      continue;
    }
    system.id = newRecordId();
    const record = codec.complete(system, start ? { ...start, ...prepared.values } : prepared.values);
    const dependents = dependentPicklistIssues(object, record, pointerOf(index), locale);
    if (dependents.length) {
      issues.push(...dependents);
      continue;
    }
    records.push(record);
  }
  if (issues.length) throw invalid(object, issues);
  // Parameters go straight into statement-sized chunks: no giant array to grow, copy and collect.
  const width = codec.columns.length;
  const insert: InsertRows = {
    chunks: [[]],
    perChunk: Math.max(1, Math.floor(MAX_PARAMETERS / width)) * width,
    encoded: false,
  };
  // Auto-numbers are taken inside the transaction: such records are encoded there, once they have them.
  if (!input.watched && !isNumbered(object)) encodeNewRecords(access.model, object, codec, insert, records);
  return { records, insert };
}
