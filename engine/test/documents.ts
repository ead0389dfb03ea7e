/** Small document builders for tests, so each test states only what it is about. */
import type { DocumentSet, ObjectDocument, PropertyDocument } from '../src/index.js';

export const text = (extra: Partial<PropertyDocument> = {}): PropertyDocument => ({
  type: 'string',
  maxLength: 120,
  'x-tessera': { field: 'text' },
  ...extra,
});

const FORMULA_JSON_TYPES: Record<string, string> = {
  text: 'string',
  number: 'number',
  currency: 'number',
  percent: 'number',
  boolean: 'boolean',
  date: 'string',
  datetime: 'string',
  integer: 'integer',
};

/** A formula field returning `returns`, declared with the JSON type that return type needs. */
export const formula = (
  source: string,
  returns: string,
  extra: Partial<PropertyDocument['x-tessera']> = {},
): PropertyDocument => ({
  type: FORMULA_JSON_TYPES[returns] as string,
  ...(returns === 'date' ? { format: 'date' } : returns === 'datetime' ? { format: 'date-time' } : {}),
  'x-tessera': { field: 'formula', formula: source, returns: returns as 'text', ...extra },
});

/** A master-detail field to `target`: the record belongs to a parent, whose roll-ups summarize it. */
export const masterDetail = (target: string): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field: 'master_detail', target },
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
