/** What every named document kind checks the same way: its shape, unique API names, and the object it names. */
import type { Issue } from '../errors.js';
import type { NamedKind } from './document-kinds.js';
import { namedLabel, namedShapeIssues } from './document-shapes.js';
import type { ObjectDocument } from './types.js';

/**
 * Each document of a kind against its meta-schema, then (if it has the right shape) its API name is unique and
 * `check` finds nothing wrong with what it refers to. Issues name the document as `kind:apiName`.
 */
export function checkKind<T extends { apiName: string }>(
  kind: NamedKind['kind'],
  docs: readonly T[],
  check: (doc: T) => Issue[],
): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  docs.forEach((doc, index) => {
    const document = namedLabel(kind, doc, index);
    const shape = namedShapeIssues(kind, doc, document);
    if (shape.length) {
      issues.push(...shape);
      return;
    }
    if (names.has(doc.apiName))
      issues.push({
        document,
        pointer: '/apiName',
        code: 'duplicate_name',
        message: `"${doc.apiName}" is used twice`,
      });
    names.add(doc.apiName);
    issues.push(...check(doc).map((i) => ({ document, ...i })));
  });
  return issues;
}

/**
 * The objects of a document set as the checks of other documents see them. Only objects that passed their
 * meta-schema are walked: one with problems of its own (a property without `x-tessera`, say) is reported
 * once, by itself, and is neither walked nor reported again as missing where another document names it.
 */
export interface SetObjects {
  valid: ReadonlyMap<string, ObjectDocument>;
  broken: ReadonlySet<string>;
}

/** The issues of naming object `name` that is not a valid object of the set. */
export const unknownObject = (objects: SetObjects, name: string, pointer = '/object'): Issue[] =>
  objects.broken.has(name)
    ? []
    : [{ pointer, code: 'unknown_object', message: `there is no object "${name}"` }];
