/**
 * Brings the search indexes in line with a model: an object whose indexed fields changed (a field marked or
 * unmarked searchable, renamed, retyped, a new name field), or that is new or back from the trash, gets its
 * index built anew from its rows; an object that is gone loses its index. The registry (migration 0006) says
 * what each index holds, so a deploy that changes none of that costs one small read. Runs in the deploy's
 * transaction (the index lands with the metadata or not at all) and at open (an upgraded workspace).
 */
import type { CompiledModel } from '../model/compiled-model.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { searchFields } from './search-fields.js';
import { fillIndex, searchDialect, searchTableName } from './search-tables.js';

export const SEARCH_REGISTRY = 'tessera_search_index';

export async function reconcileSearchIndexes(
  db: AnyDb,
  dialect: DialectName,
  model: CompiledModel,
): Promise<void> {
  const search = searchDialect(dialect);
  const rows: { object_id: string; fields: string }[] = await db
    .selectFrom(SEARCH_REGISTRY)
    .select(['object_id', 'fields'])
    .execute();
  const stale = new Map(rows.map((r) => [r.object_id, r.fields]));
  for (const object of model.objects.values()) {
    const fields = searchFields(object);
    const held = JSON.stringify(fields);
    const had = stale.get(object.id);
    stale.delete(object.id);
    if (had === held) continue;
    const table = searchTableName(object.id);
    if (had !== undefined) await forget(db, dialect, object.id);
    if (!fields.length) continue;
    await search.create(db, table, fields);
    await fillIndex(db, table, object.apiName, fields);
    await db
      .insertInto(SEARCH_REGISTRY)
      .values({ object_id: object.id, fields: held, built_at: new Date().toISOString() })
      .execute();
  }
  for (const objectId of stale.keys()) await forget(db, dialect, objectId);
}

async function forget(db: AnyDb, dialect: DialectName, objectId: string): Promise<void> {
  await searchDialect(dialect).drop(db, searchTableName(objectId));
  await db.deleteFrom(SEARCH_REGISTRY).where('object_id', '=', objectId).execute();
}
