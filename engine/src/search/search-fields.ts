/**
 * What the search index holds of an object: its name field and the fields the admin marks `searchable`, each
 * only if the field registry says its values are plain text people look records up by (and they are stored).
 * The name field comes first: a hit's snippet prefers it.
 */
import type { CompiledObject } from '../model/compiled-model.js';
import { getOrCreate } from '../util/get-or-create.js';

// Asked on every write of the object: worked out once per compiled object (per metadata version).
const known = new WeakMap<CompiledObject, readonly string[]>();

export const searchFields = (object: CompiledObject): readonly string[] =>
  getOrCreate(known, object, () => indexedFields(object));

function indexedFields(object: CompiledObject): string[] {
  const nameField = object.document['x-tessera'].nameField;
  const fields: string[] = [];
  for (const [name, field] of object.fields) {
    if (!field.def.searchable || !field.columns) continue;
    if (name === nameField) fields.unshift(name);
    else if (field.prop['x-tessera'].searchable === true) fields.push(name);
  }
  return fields;
}
