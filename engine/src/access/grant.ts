/**
 * A grant: the sum of a user's permission sets, resolved against one metadata version. Object permissions
 * imply each other the way people expect (edit needs read, modify-all implies view-all and every object
 * permission); a field not named by a set is editable wherever the set gives the object.
 */
import type {
  DocumentSet,
  FieldAccess,
  ObjectPermission,
  PermissionSetDocument,
  SystemPermission,
} from '../metadata/types.js';
import { ownValue } from '../util/own-value.js';
import type { Subject } from './subject.js';

export type ObjectGrant = Record<ObjectPermission, boolean> & {
  /** Per field API name: what the user may do; a field absent here is hidden. */
  fields: ReadonlyMap<string, Exclude<FieldAccess, 'none'>>;
  /** True when some field is hidden or read-only for this user (writes are then checked field by field). */
  restricted: boolean;
};

export interface Grant {
  admin: boolean;
  objects: ReadonlyMap<string, ObjectGrant>;
  system: ReadonlySet<SystemPermission>;
  role: string | null;
  /** Every role under the user's (not the user's own: peers do not see each other's records). */
  rolesBelow: readonly string[];
}

const RANK: Record<FieldAccess, number> = { none: 0, read: 1, edit: 2 };

export function compileGrant(documents: DocumentSet, subject: Subject): Grant {
  const sets = (documents.permissionSets ?? []).filter((s) => subject.permissionSets.includes(s.apiName));
  const system = new Set<SystemPermission>();
  for (const set of sets)
    for (const [name, on] of Object.entries(set.system ?? {})) if (on) system.add(name as SystemPermission);
  const admin = subject.admin;
  if (system.has('modifyAllData')) system.add('viewAllData');
  const objects = new Map<string, ObjectGrant>();
  for (const doc of documents.objects) {
    const apiName = doc['x-tessera'].apiName;
    const fieldNames = Object.keys(doc.properties);
    const grant = admin ? fullObjectGrant(fieldNames) : objectGrant(apiName, fieldNames, sets, system);
    if (grant.read) objects.set(apiName, grant);
  }
  return { admin, objects, system, role: subject.role, rolesBelow: rolesBelow(documents, subject.role) };
}

function fullObjectGrant(fieldNames: readonly string[]): ObjectGrant {
  return {
    read: true,
    create: true,
    edit: true,
    delete: true,
    viewAll: true,
    modifyAll: true,
    fields: new Map(fieldNames.map((f) => [f, 'edit'])),
    restricted: false,
  };
}

function objectGrant(
  apiName: string,
  fieldNames: readonly string[],
  sets: readonly PermissionSetDocument[],
  system: ReadonlySet<SystemPermission>,
): ObjectGrant {
  // An object or field may be called `constructor`: only what a set really names counts.
  const objectRights = (s: PermissionSetDocument) =>
    ownValue(s.objects, apiName) as Partial<Record<ObjectPermission, boolean>> | undefined;
  const granting = sets.filter((s) => objectRights(s));
  const any = (p: ObjectPermission) => granting.some((s) => objectRights(s)?.[p] === true);
  const modifyAll = any('modifyAll') || system.has('modifyAllData');
  const viewAll = modifyAll || any('viewAll') || system.has('viewAllData');
  const edit = modifyAll || any('edit') || any('delete');
  const read = viewAll || edit || any('read') || any('create');
  const fields = new Map<string, 'read' | 'edit'>();
  for (const field of fieldNames) {
    // The best access any set that gives the object allows; a set that does not name the field allows edit.
    let best = 0;
    for (const s of granting) {
      const access = ownValue(ownValue(s.fields, apiName), field) as keyof typeof RANK | undefined;
      best = Math.max(best, RANK[access ?? 'edit']);
    }
    if (best === RANK.edit) fields.set(field, 'edit');
    else if (best === RANK.read) fields.set(field, 'read');
  }
  return {
    read,
    create: modifyAll || any('create'),
    edit,
    delete: modifyAll || any('delete'),
    viewAll,
    modifyAll,
    fields,
    restricted: fields.size < fieldNames.length || [...fields.values()].some((a) => a === 'read'),
  };
}

/** The descendants of a role, found by walking the hierarchy down from it. */
function rolesBelow(documents: DocumentSet, role: string | null): string[] {
  if (role === null) return [];
  const children = new Map<string, string[]>();
  for (const r of documents.roles ?? [])
    if (r.parent !== undefined) children.set(r.parent, [...(children.get(r.parent) ?? []), r.apiName]);
  const found: string[] = [];
  const queue = [...(children.get(role) ?? [])];
  while (queue.length) {
    const next = queue.shift() as string;
    if (found.includes(next)) continue;
    found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}
