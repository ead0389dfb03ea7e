/** What every named document kind checks the same way: its shape, unique API names, and the object it names. */
import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import { ajvIssues } from './ajv-issues.js';

/**
 * Each document of a kind against its meta-schema, then (if it has the right shape) its API name is unique and
 * `check` finds nothing wrong with what it refers to. Issues name the document as `kind:apiName`.
 */
export function checkKind<T extends { apiName: string }>(
  kind: string,
  docs: readonly T[],
  validate: ValidateFunction,
  check: (doc: T) => Issue[],
): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  docs.forEach((doc, index) => {
    const document = typeof doc?.apiName === 'string' ? `${kind}:${doc.apiName}` : `${kind}#${index}`;
    if (!validate(doc)) {
      issues.push(...ajvIssues(validate.errors, () => undefined).map((i) => ({ document, ...i })));
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

export const unknownObject = (name: string): Issue[] => [
  { pointer: '/object', code: 'unknown_object', message: `there is no object "${name}"` },
];
