/**
 * Indexes every record table has (see build-table-plan.ts), created where missing: tables made by an older
 * version of Tessera get them when their workspace is next opened, so an upgrade never leaves lists slow.
 */
import { systemIndexes } from '../model/build-table-plan.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { AnyDb } from '../storage/storage.js';

export async function ensureSystemIndexes(db: AnyDb, model: CompiledModel): Promise<void> {
  for (const object of model.objects.values())
    for (const index of systemIndexes(object.id))
      await db.schema.createIndex(index.name).ifNotExists().on(object.apiName).column(index.column).execute();
}
