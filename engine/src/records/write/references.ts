/** Stage: every lookup value written must name an existing record (one query per referenced object). */
import type { Issue } from '../../errors.js';
import type { CompiledField, CompiledObject } from '../../model/compiled-model.js';
import { recordMessage } from '../../model/record-messages.js';
import type { AnyDb } from '../../storage/storage.js';
import type { RecordData } from '../record-api.js';
import { invalid, MAX_PARAMETERS } from '../record-errors.js';
import type { WriteBatch } from './write-batch.js';

const referenceFieldsOf = new WeakMap<CompiledObject, CompiledField[]>();

function referenceFields(object: CompiledObject): CompiledField[] {
  // A plain lookup, no closure: this runs on every write.
  let fields = referenceFieldsOf.get(object);
  if (!fields) {
    fields = [...object.fields.values()].filter((f) => f.type === 'lookup' || f.type === 'master_detail');
    referenceFieldsOf.set(object, fields);
  }
  return fields;
}

export function checkReferences(batch: WriteBatch): Promise<void> | undefined {
  if (!referenceFields(batch.object).length) return undefined;
  // An update checks the values it sets, not the references the record already had.
  const rows = batch.target ? [batch.target.values] : batch.records;
  return missingReferences(batch.tx.trx, batch.object, rows, batch.pointerOf, batch.locality.locale).then(
    (issues) => {
      if (issues.length) throw invalid(batch.object, issues);
    },
  );
}

/** Issues for the lookup values of `rows` that name no record. */
export async function missingReferences(
  trx: AnyDb,
  object: CompiledObject,
  rows: readonly RecordData[],
  pointerOf: (index: number) => string,
  locale: string,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const field of referenceFields(object)) {
    const target = field.prop['x-tessera'].target as string;
    const ids = [
      ...new Set(rows.map((r) => r[field.name]).filter((v): v is string => typeof v === 'string')),
    ];
    if (!ids.length) continue;
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += MAX_PARAMETERS) {
      const existing = await trx
        .selectFrom(target)
        .select('id')
        .where('id', 'in', ids.slice(i, i + MAX_PARAMETERS))
        .execute();
      for (const r of existing) found.add(String(r.id));
    }
    rows.forEach((r, index) => {
      const value = r[field.name];
      if (typeof value === 'string' && !found.has(value))
        issues.push({
          pointer: `${pointerOf(index)}/${field.name}`,
          code: 'reference',
          message: recordMessage(locale, 'reference', { target, id: value }),
        });
    });
  }
  return issues;
}
