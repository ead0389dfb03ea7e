/** A readable diff of two document sets, by document and JSON pointer: what the history view shows. */

import { diffValues, type ValueChange } from './diff-values.js';
import { type DocumentKind, documentEntries } from './document-kinds.js';
import type { DocumentSet, PackageRecord } from './types.js';

export type { ValueChange };

export interface DocumentChange {
  kind: DocumentKind;
  /** The document's API name (for an object, the object's). */
  name: string;
  change: 'added' | 'removed' | 'changed';
  changes: ValueChange[];
}

/**
 * A package record's own values value by value; what it shipped (hundreds of documents, each diffed on its own
 * where the workspace has it) as one line.
 */
function diffPackages(before: PackageRecord, after: PackageRecord, out: ValueChange[]): void {
  const { shipped: a, ...restBefore } = before;
  const { shipped: b, ...restAfter } = after;
  diffValues(restBefore, restAfter, '', out);
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ pointer: '/shipped' });
}

export function diffDocuments(from: DocumentSet, to: DocumentSet): DocumentChange[] {
  const keyed = (set: DocumentSet) => new Map(documentEntries(set).map((e) => [`${e.kind}:${e.id}`, e]));
  const before = keyed(from);
  const after = keyed(to);
  const result: DocumentChange[] = [];
  for (const [key, { kind, apiName: name, doc }] of after) {
    const was = before.get(key);
    if (!was) {
      result.push({ kind, name, change: 'added', changes: [] });
      continue;
    }
    const changes: ValueChange[] = [];
    if (kind === 'package') diffPackages(was.doc as PackageRecord, doc as PackageRecord, changes);
    else diffValues(was.doc, doc, '', changes);
    if (changes.length) result.push({ kind, name, change: 'changed', changes });
  }
  for (const [key, { kind, apiName: name }] of before)
    if (!after.has(key)) result.push({ kind, name, change: 'removed', changes: [] });
  return result.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
