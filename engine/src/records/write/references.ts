/** Stage: every reference value written must name a row of its target (see check-references.ts). */
import type { CompiledField, CompiledObject } from '../../model/compiled-model.js';
import { referenceIssues } from '../check-references.js';
import { invalid } from '../record-errors.js';
import type { WriteBatch } from './write-batch.js';

const referenceFieldsOf = new WeakMap<CompiledObject, CompiledField[]>();

/** Whether the object has reference fields at all: a plain lookup, no closure, as this runs on every write. */
function hasReferences(object: CompiledObject): boolean {
  let fields = referenceFieldsOf.get(object);
  if (!fields) {
    fields = [...object.fields.values()].filter((f) => f.reference !== undefined);
    referenceFieldsOf.set(object, fields);
  }
  return fields.length > 0;
}

export function checkReferences(batch: WriteBatch): Promise<void> | undefined {
  if (!hasReferences(batch.object)) return undefined;
  // An update checks the values it sets, not the references the record already had; a value it keeps (a
  // deactivated user on an old record) stays allowed.
  const rows = batch.target ? [batch.target.values] : batch.records;
  return referenceIssues(
    batch.tx.trx,
    batch.object,
    rows,
    batch.pointerOf,
    batch.locality.locale,
    batch.priors,
  ).then((issues) => {
    if (issues.length) throw invalid(batch.object, issues);
  });
}
