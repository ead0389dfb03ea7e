/** A readable diff of two document sets, by object and JSON pointer: what the history view shows. */
import { escapePointer } from './json-pointer.js';
import type { DocumentSet, ObjectDocument } from './types.js';

export interface ValueChange {
  pointer: string;
  before?: unknown;
  after?: unknown;
}

export interface DocumentChange {
  object: string;
  change: 'added' | 'removed' | 'changed';
  changes: ValueChange[];
}

const idOf = (d: ObjectDocument) => d['x-tessera'].id ?? d['x-tessera'].apiName;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function diffValues(before: unknown, after: unknown, pointer: string, out: ValueChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      diffValues(before[key], after[key], `${pointer}/${escapePointer(key)}`, out);
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  out.push({
    pointer,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });
}

export function diffDocuments(from: DocumentSet, to: DocumentSet): DocumentChange[] {
  const before = new Map(from.objects.map((d) => [idOf(d), d]));
  const after = new Map(to.objects.map((d) => [idOf(d), d]));
  const result: DocumentChange[] = [];
  for (const [id, doc] of after) {
    const was = before.get(id);
    if (!was) {
      result.push({ object: doc['x-tessera'].apiName, change: 'added', changes: [] });
      continue;
    }
    const changes: ValueChange[] = [];
    diffValues(was, doc, '', changes);
    if (changes.length) result.push({ object: doc['x-tessera'].apiName, change: 'changed', changes });
  }
  for (const [id, doc] of before)
    if (!after.has(id)) result.push({ object: doc['x-tessera'].apiName, change: 'removed', changes: [] });
  return result.sort((a, b) => a.object.localeCompare(b.object));
}
