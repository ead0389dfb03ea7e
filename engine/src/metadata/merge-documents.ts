/**
 * Documents merged into a set: each incoming document replaces the one with the same stable id (an object's
 * `x-tessera.id`) or, without one, the same kind and API name; the others are added. Nothing is removed.
 */
import { NAMED_KINDS, namedDocuments } from './document-kinds.js';
import type { DocumentSet, ObjectDocument } from './types.js';

function merge<T>(current: readonly T[], incoming: readonly T[], same: (a: T, b: T) => boolean): T[] {
  const result = [...current];
  for (const doc of incoming) {
    const index = result.findIndex((d) => same(d, doc));
    if (index === -1) result.push(doc);
    else result[index] = doc;
  }
  return result;
}

// Incoming documents are not validated yet (merging comes first): any of them may be malformed, even null.
const sameObject = (a: ObjectDocument, b: ObjectDocument) => {
  const id = b?.['x-tessera']?.id;
  return id !== undefined
    ? a?.['x-tessera']?.id === id
    : a?.['x-tessera']?.apiName === b?.['x-tessera']?.apiName;
};
const sameName = (a: { apiName: string }, b: { apiName: string }) => a?.apiName === b?.apiName;

export function mergeDocuments(current: DocumentSet, incoming: Partial<DocumentSet>): DocumentSet {
  const merged: DocumentSet = {
    ...current,
    objects: merge(current.objects, incoming.objects ?? [], sameObject),
  };
  for (const { key } of NAMED_KINDS)
    if (incoming[key])
      (merged as unknown as Record<string, unknown>)[key] = merge(
        namedDocuments(current, key),
        namedDocuments(incoming, key),
        sameName,
      );
  return merged;
}
