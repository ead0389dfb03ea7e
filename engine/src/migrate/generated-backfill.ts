/**
 * Generated values of fields a deploy adds or changes, computed in the deploy's own transaction: a roll-up
 * for every parent (never a blank or stale summary of children it already has), an auto-number for every
 * record that exists, and stored formulas recomputed wherever the formula or a field it reads changed.
 */

import { formulaPlan } from '../formulas/formula-values.js';
import { refreshStoredFormulas } from '../formulas/stored-formula-values.js';
import type { DocumentSet } from '../metadata/types.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { backfillAutonumbers } from '../records/autonumbers.js';
import { recountRollups, rollupsOver } from '../records/rollups.js';
import type { AnyDb, Storage } from '../storage/storage.js';

export async function backfillGenerated(
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
  const recompute = new Set<CompiledObject>();
  for (const object of model.objects.values()) {
    const changed = [...object.fields.values()].filter(
      (f) => previous.get(`${object.id}/${f.id}`) !== JSON.stringify(f.prop),
    );
    for (const field of changed)
      if (field.type === 'rollup')
        children.add(model.object(field.prop['x-tessera'].summarizedObject as string));
    const numbered = changed.filter((f) => f.type === 'autonumber');
    if (numbered.length) await backfillAutonumbers(db, object, numbered);
    const plan = formulaPlan(model, object);
    const touched = new Set(changed.map((f) => f.name));
    if (plan?.stored.some((f) => touched.has(f.name)) || plan?.storedReads.some((n) => touched.has(n)))
      recompute.add(object);
  }
  for (const object of recompute) {
    await refreshStoredFormulas(storage, db, model, object, undefined);
    // A roll-up may summarize a stored formula just recomputed. (A recount refreshes the parents' formulas.)
    if (rollupsOver(model, object).length) children.add(object);
  }
  for (const child of children) await recountRollups(storage, db, model, child, undefined);
}
