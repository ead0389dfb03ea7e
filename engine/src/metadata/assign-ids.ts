/**
 * Gives every object and field of a document set its stable id: the id it already carries, else the id of the
 * current definition with the same API name, else a new one. Documents written by hand (templates) need no
 * ids; documents read back (`pull`) carry them, so a rename in them keeps the data.
 */
import { uuidv7 } from 'uuidv7';
import { propertyOf } from './property-of.js';
import type { DocumentSet, ObjectDocument } from './types.js';

export function assignIds(next: DocumentSet, current: DocumentSet): DocumentSet {
  const currentByName = new Map(current.objects.map((d) => [d['x-tessera'].apiName, d]));
  const currentById = new Map(current.objects.map((d) => [d['x-tessera'].id, d]));
  return {
    ...next,
    objects: next.objects.map((doc) => {
      const copy = structuredClone(doc);
      const o = copy['x-tessera'];
      const match = o.id !== undefined ? currentById.get(o.id) : currentByName.get(o.apiName);
      o.id ??= match?.['x-tessera'].id ?? uuidv7();
      for (const [name, prop] of Object.entries(copy.properties)) {
        prop['x-tessera'].id ??= fieldIdByName(match, name) ?? uuidv7();
      }
      return copy;
    }),
  };
}

const fieldIdByName = (doc: ObjectDocument | undefined, name: string) =>
  propertyOf(doc, name)?.['x-tessera'].id;
