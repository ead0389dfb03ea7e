/**
 * Permission sets: object permissions (read, create, edit, delete, view all, modify all), field permissions
 * (edit, read or none), and the user permissions with a Tessera counterpart. Apex, page, tab, app and custom
 * permissions have none: they are counted in the report.
 */
import type { FieldAccess, ObjectPermission, PermissionSetDocument, SystemPermission } from '@tessera/engine';
import { list, text, type Xml } from '../read/xml.js';
import { type Conversion, plannedField, plannedObject } from './context.js';

const OBJECT_PERMISSIONS: Record<string, ObjectPermission> = {
  allowRead: 'read',
  allowCreate: 'create',
  allowEdit: 'edit',
  allowDelete: 'delete',
  viewAllRecords: 'viewAll',
  modifyAllRecords: 'modifyAll',
};

const USER_PERMISSIONS: Record<string, SystemPermission> = {
  ModifyAllData: 'modifyAllData',
  ViewAllData: 'viewAllData',
  CustomizeApplication: 'manageMetadata',
  ModifyMetadata: 'manageMetadata',
  ManageUsers: 'manageUsers',
};

const UNCONVERTED = {
  classAccesses: 'Apex class accesses',
  pageAccesses: 'Visualforce page accesses',
  tabSettings: 'tab settings',
  applicationVisibilities: 'app visibilities',
  customPermissions: 'custom permissions',
  recordTypeVisibilities: 'record type visibilities',
  customMetadataTypeAccesses: 'custom metadata accesses',
  customSettingAccesses: 'custom setting accesses',
  flowAccesses: 'flow accesses',
} as const;

function convertOne(c: Conversion, xml: Xml, notes: string[]): Omit<PermissionSetDocument, 'apiName'> {
  const objects: PermissionSetDocument['objects'] = {};
  for (const p of list(xml.objectPermissions)) {
    const o = plannedObject(c, text(p, 'object') ?? '');
    if (!o) continue;
    const perms: Partial<Record<ObjectPermission, boolean>> = {};
    for (const [tag, perm] of Object.entries(OBJECT_PERMISSIONS))
      if (text(p, tag) === 'true') perms[perm] = true;
    if (Object.keys(perms).length) objects[o.name] = perms;
  }
  const fields: Record<string, Record<string, FieldAccess>> = {};
  for (const p of list(xml.fieldPermissions)) {
    const [objectSf, fieldSf] = (text(p, 'field') ?? '').split('.');
    const o = objectSf ? plannedObject(c, objectSf) : undefined;
    const f = o && fieldSf ? plannedField(o, fieldSf) : undefined;
    if (!o || !f || f.origin === 'system') continue;
    const access: FieldAccess =
      text(p, 'editable') === 'true' ? 'edit' : text(p, 'readable') === 'true' ? 'read' : 'none';
    fields[o.name] = { ...fields[o.name], [f.name]: access };
  }
  const system: Partial<Record<SystemPermission, boolean>> = {};
  const otherUser: string[] = [];
  for (const p of list(xml.userPermissions)) {
    if (text(p, 'enabled') !== 'true') continue;
    const perm = USER_PERMISSIONS[text(p, 'name') ?? ''];
    if (perm) system[perm] = true;
    else otherUser.push(text(p, 'name') ?? '?');
  }
  if (otherUser.length) notes.push(`user permissions without a counterpart: ${otherUser.join(', ')}`);
  for (const [tag, what] of Object.entries(UNCONVERTED)) {
    const n = list(xml[tag]).length;
    if (n) notes.push(`${n} ${what} not kept`);
  }
  const label = text(xml, 'label');
  const description = text(xml, 'description');
  return {
    kind: 'permission_set',
    ...(label ? { label: { en: label } } : {}),
    ...(description ? { description: { en: description } } : {}),
    ...(Object.keys(objects).length ? { objects } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(Object.keys(system).length ? { system } : {}),
  };
}

export function convertPermissionSets(c: Conversion): void {
  for (const [name, xml] of [...c.project.permissionSets].sort(([a], [b]) => a.localeCompare(b))) {
    const notes: string[] = [];
    const apiName = c.documentNames.take(name);
    c.permissionSets.push({ apiName, ...convertOne(c, xml, notes) } as PermissionSetDocument);
    const target = `permission_set:${apiName}`;
    if (notes.length) c.report.approximated('permission set', name, target, notes.join('; '));
    else c.report.mapped('permission set', name, target);
  }
}
