/**
 * A roll-up that is new, or whose definition changed, is computed for every parent in the deploy's own
 * transaction, so no parent ever shows a blank or stale summary of children it already has.
 */
import type { DocumentSet } from '../metadata/types.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { recountRollups } from '../records/rollups.js';
import type { AnyDb, Storage } from '../storage/storage.js';

export async function backfillRollups(
  storage: Storage,
  db: AnyDb,
  before: DocumentSet,
  model: CompiledModel,
): Promise<void> {
  const previous = new Map<string, string>();
  for (const doc of before.objects)
    for (const [name, prop] of Object.entries(doc.properties))
      previous.set(`${doc['x-tessera'].id}/${prop['x-tessera'].id ?? name}`, JSON.stringify(prop));
  const children = new Set<CompiledObject>();
  for (const object of model.objects.values())
    for (const field of object.fields.values())
      if (field.type === 'rollup' && previous.get(`${object.id}/${field.id}`) !== JSON.stringify(field.prop))
        children.add(model.object(field.prop['x-tessera'].summarizedObject as string));
  for (const child of children) await recountRollups(storage, db, model, child, undefined);
}
