/**
 * The permission-set editor's answers and the document they make (`kind: "permission_set"`), both ways, with the
 * implications between object permissions kept as people expect (docs/access.md): edit or delete imply read,
 * view all implies read, modify all implies everything. Pure, so what the editor sends is tested against the
 * engine's own validation.
 */
import type {
  FieldAccess,
  LocalizedText,
  ObjectPermission,
  PermissionSetDocument,
  SystemPermission,
} from '@tessera/engine/types';

export const OBJECT_PERMISSIONS: readonly ObjectPermission[] = [
  'read',
  'create',
  'edit',
  'delete',
  'viewAll',
  'modifyAll',
];
export const SYSTEM_PERMISSIONS: readonly SystemPermission[] = [
  'manageMetadata',
  'manageUsers',
  'viewAllData',
  'modifyAllData',
];
export const FIELD_ACCESS: readonly FieldAccess[] = ['edit', 'read', 'none'];

export type ObjectGrants = Partial<Record<ObjectPermission, boolean>>;

export interface PermissionSetAnswers {
  apiName: string;
  labelEn: string;
  labelZh: string;
  /** Per object, the permissions ticked. */
  objects: Record<string, ObjectGrants>;
  /** Per object and field, the access when it is not the default `edit`. */
  fields: Record<string, Record<string, FieldAccess>>;
  system: Partial<Record<SystemPermission, boolean>>;
}

export const PERMISSION_SET_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export const permissionSetPath = (name: string) => `/meta/permission-sets/${name}`;

export const blankPermissionSet = (): PermissionSetAnswers => ({
  apiName: '',
  labelEn: '',
  labelZh: '',
  objects: {},
  fields: {},
  system: {},
});

/** What each permission implies when it is given (and so what giving it up takes away). */
const IMPLIES: Record<ObjectPermission, readonly ObjectPermission[]> = {
  read: [],
  create: [],
  edit: ['read'],
  delete: ['read'],
  viewAll: ['read'],
  modifyAll: ['read', 'create', 'edit', 'delete', 'viewAll'],
};

/**
 * One object's permissions with `permission` ticked or not: ticking one ticks what it implies; unticking one
 * unticks every permission that implies it.
 */
export function setObjectPermission(
  grants: ObjectGrants,
  permission: ObjectPermission,
  on: boolean,
): ObjectGrants {
  const next: ObjectGrants = { ...grants, [permission]: on };
  if (on) for (const implied of IMPLIES[permission]) next[implied] = true;
  else for (const p of OBJECT_PERMISSIONS) if (next[p] && IMPLIES[p].includes(permission)) next[p] = false;
  return next;
}

/** The object's permissions with every implication applied (a document written by hand may leave them out). */
export function withImplied(grants: ObjectGrants): ObjectGrants {
  let next: ObjectGrants = {};
  for (const p of OBJECT_PERMISSIONS) if (grants[p]) next = setObjectPermission(next, p, true);
  return next;
}

/** A field's access in the answers: `edit` when not said. */
export const fieldAccessOf = (a: PermissionSetAnswers, object: string, field: string): FieldAccess =>
  a.fields[object]?.[field] ?? 'edit';

/** The answers with one field's access set; `edit`, the default, is not kept. */
export function setFieldAccess(
  a: PermissionSetAnswers,
  object: string,
  field: string,
  access: FieldAccess,
): PermissionSetAnswers {
  const { [field]: _, ...others } = a.fields[object] ?? {};
  const forObject = access === 'edit' ? others : { ...others, [field]: access };
  const { [object]: __, ...otherObjects } = a.fields;
  return {
    ...a,
    fields: Object.keys(forObject).length ? { ...otherObjects, [object]: forObject } : otherObjects,
  };
}

export function permissionSetAnswersOf(doc: PermissionSetDocument): PermissionSetAnswers {
  return {
    apiName: doc.apiName,
    labelEn: doc.label?.en ?? '',
    labelZh: doc.label?.['zh-CN'] ?? '',
    objects: Object.fromEntries(
      Object.entries(doc.objects ?? {}).map(([object, grants]) => [object, withImplied(grants)]),
    ),
    fields: Object.fromEntries(
      Object.entries(doc.fields ?? {})
        .map(([object, fields]) => [
          object,
          Object.fromEntries(Object.entries(fields).filter(([, access]) => access !== 'edit')),
        ])
        .filter(([, fields]) => Object.keys(fields as object).length > 0),
    ),
    system: { ...doc.system },
  };
}

/** True entries only, in the usual order. */
const ticked = <K extends string>(order: readonly K[], flags: Partial<Record<K, boolean>>) =>
  Object.fromEntries(order.filter((k) => flags[k]).map((k) => [k, true])) as Partial<Record<K, boolean>>;

/**
 * The permission set the answers say. Only what is given is written: objects with at least one permission, the
 * permissions ticked, fields whose access is not the default `edit`, system permissions ticked. What the editor
 * does not show of an existing set (its description, its label in other languages) is kept.
 */
export function permissionSetDocument(
  a: PermissionSetAnswers,
  existing?: PermissionSetDocument,
): PermissionSetDocument {
  const { en: _, 'zh-CN': __, ...otherLanguages } = existing?.label ?? {};
  const en = a.labelEn.trim();
  const zh = a.labelZh.trim();
  const label: LocalizedText = { ...otherLanguages, ...(en ? { en } : {}), ...(zh ? { 'zh-CN': zh } : {}) };
  const objects = Object.fromEntries(
    Object.keys(a.objects)
      .sort()
      .map((object) => [object, ticked(OBJECT_PERMISSIONS, withImplied(a.objects[object] ?? {}))] as const)
      .filter(([, grants]) => Object.keys(grants).length > 0),
  );
  const fields = Object.fromEntries(
    Object.keys(a.fields)
      .sort()
      .map((object) => {
        const given = a.fields[object] ?? {};
        const kept = Object.keys(given)
          .sort()
          .filter((f) => given[f] !== 'edit')
          .map((f) => [f, given[f] as FieldAccess]);
        return [object, Object.fromEntries(kept)] as const;
      })
      .filter(([, forObject]) => Object.keys(forObject).length > 0),
  );
  const system = ticked(SYSTEM_PERMISSIONS, a.system);
  return {
    kind: 'permission_set',
    apiName: a.apiName.trim(),
    ...(Object.keys(label).length ? { label } : {}),
    ...(existing?.description ? { description: existing.description } : {}),
    ...(Object.keys(objects).length ? { objects } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(Object.keys(system).length ? { system } : {}),
  };
}

/** How many objects a set gives at least one permission on. */
export const grantedObjectCount = (doc: PermissionSetDocument): number =>
  Object.values(doc.objects ?? {}).filter((grants) => Object.values(grants).some((v) => v === true)).length;

/** Whether the answers can be reviewed: a valid API name and a label in at least one language. */
export const canReviewPermissionSet = (a: PermissionSetAnswers): boolean =>
  PERMISSION_SET_NAME.test(a.apiName.trim()) && (a.labelEn.trim() !== '' || a.labelZh.trim() !== '');
