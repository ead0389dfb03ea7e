/**
 * Paths automations follow from the triggering record: lookups to a parent record (`account`, or
 * `asset.customer_id`), and lookups ending at a field that names a user (`engineer`, `account.owner_id`).
 * Each answer is the object reached, or why the path does not lead there, in words that name the segment.
 */
import { isRecordReference, isUserField } from '../fields/field-roles.js';
import { MAX_HOPS } from '../formulas/formula-environment.js';
import { USER_SYSTEM_FIELDS } from '../model/system-fields.js';
import { propertyOf } from './property-of.js';
import type { ObjectDocument } from './types.js';

export type PathEnd =
  | { object: ObjectDocument }
  /** The path leads through an object that has problems of its own (reported there, not again here). */
  | { broken: true }
  | { code: string; message: string };

/** The object `names` lead to from `from`, each name a lookup or master-detail of the object before it. */
export function followLookups(
  from: ObjectDocument,
  objects: ReadonlyMap<string, ObjectDocument>,
  names: readonly string[],
): PathEnd {
  if (names.length > MAX_HOPS)
    return { code: 'path_too_long', message: `a path follows at most ${MAX_HOPS} lookups` };
  let at = from;
  for (const name of names) {
    const objectName = at['x-tessera'].apiName;
    const prop = propertyOf(at, name);
    if (!prop) return { code: 'unknown_field', message: `"${name}" is not a field of ${objectName}` };
    if (!isRecordReference(prop))
      return {
        code: 'not_a_lookup',
        message: `"${name}" of ${objectName} is not a lookup: a path follows lookups`,
      };
    const next = objects.get(prop['x-tessera'].target ?? '');
    if (!next) return { broken: true };
    at = next;
  }
  return { object: at };
}

/**
 * Where `path` names a user: a user field or a system field that holds one (`owner_id`), on the record or
 * lookups away. Undefined when it does, otherwise the problem.
 */
export function userPathProblem(
  from: ObjectDocument,
  objects: ReadonlyMap<string, ObjectDocument>,
  path: string,
): { code: string; message: string } | undefined {
  const names = path.split('.');
  const field = names.pop() as string;
  const end = followLookups(from, objects, names);
  if ('broken' in end) return undefined;
  if ('code' in end) return end;
  if (USER_SYSTEM_FIELDS.has(field)) return undefined;
  const objectName = end.object['x-tessera'].apiName;
  const prop = propertyOf(end.object, field);
  if (!prop) return { code: 'unknown_field', message: `"${field}" is not a field of ${objectName}` };
  return isUserField(prop)
    ? undefined
    : {
        code: 'not_a_user_field',
        message: `"${field}" of ${objectName} does not name a user: use a user field or owner_id`,
      };
}
