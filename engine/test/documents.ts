/** Small document builders for tests, so each test states only what it is about. */
import type { DocumentSet, ObjectDocument, PropertyDocument } from '../src/index.js';

export const text = (extra: Partial<PropertyDocument> = {}): PropertyDocument => ({
  type: 'string',
  maxLength: 120,
  'x-tessera': { field: 'text' },
  ...extra,
});

export function object(
  apiName: string,
  properties: Record<string, PropertyDocument>,
  required: string[] = [],
): ObjectDocument {
  return {
    type: 'object',
    'x-tessera': { apiName, nameField: 'name', label: { en: apiName, 'zh-CN': apiName } },
    properties: { name: text(), ...properties },
    required: ['name', ...required],
  };
}

export const set = (...objects: ObjectDocument[]): DocumentSet => ({ objects });

/** The model's documents (with ids) with one object replaced by what `change` makes of a copy. */
export function changed(
  documents: DocumentSet,
  apiName: string,
  change: (doc: ObjectDocument) => void,
): DocumentSet {
  const copy = structuredClone(documents);
  const doc = copy.objects.find((d) => d['x-tessera'].apiName === apiName);
  if (!doc) throw new Error(`no object ${apiName}`);
  change(doc);
  return copy;
}
