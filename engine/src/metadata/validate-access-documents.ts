/**
 * Roles and permission sets: their shape against the published meta-schemas, then what a schema cannot say
 * (names used twice, a parent role that does not exist or a hierarchy that loops, permissions on objects and
 * fields that do not exist).
 */
import type { Issue } from '../errors.js';
import { type SetObjects, unknownObject } from './check-named-kind.js';
import { namedLabel, namedShapeIssues } from './document-shapes.js';
import { escapePointer } from './json-pointer.js';
import { propertyOf } from './property-of.js';
import type { DocumentSet, PermissionSetDocument, RoleDocument } from './types.js';

export function validateAccessDocuments(set: DocumentSet, objects: SetObjects): Issue[] {
  const issues: Issue[] = [];
  const roles = new Map<string, RoleDocument>();
  (set.roles ?? []).forEach((doc, index) => {
    const document = namedLabel('role', doc, index);
    const found = namedShapeIssues('role', doc, document);
    issues.push(...found, ...duplicate(roles, doc, document));
    if (!found.length) roles.set(doc.apiName, doc);
  });
  issues.push(...checkHierarchy(roles));
  const sets = new Map<string, PermissionSetDocument>();
  (set.permissionSets ?? []).forEach((doc, index) => {
    const document = namedLabel('permission_set', doc, index);
    const found = namedShapeIssues('permission_set', doc, document);
    issues.push(...found, ...duplicate(sets, doc, document));
    if (found.length) return;
    sets.set(doc.apiName, doc);
    issues.push(...checkPermissionTargets(doc, document, objects));
  });
  return issues;
}

function duplicate(
  seen: ReadonlyMap<string, unknown>,
  doc: { apiName?: unknown },
  document: string,
): Issue[] {
  return typeof doc?.apiName === 'string' && seen.has(doc.apiName)
    ? [{ document, pointer: '/apiName', code: 'duplicate_name', message: `"${doc.apiName}" is used twice` }]
    : [];
}

function checkHierarchy(roles: ReadonlyMap<string, RoleDocument>): Issue[] {
  const issues: Issue[] = [];
  for (const role of roles.values()) {
    const document = `role:${role.apiName}`;
    if (role.parent === undefined) continue;
    if (!roles.has(role.parent)) {
      issues.push({
        document,
        pointer: '/parent',
        code: 'unknown_role',
        message: `parent role "${role.parent}" does not exist`,
      });
      continue;
    }
    // Walk up: a chain longer than the number of roles has come back on itself.
    const path = [role.apiName];
    for (let at = roles.get(role.parent); at; at = at.parent ? roles.get(at.parent) : undefined) {
      if (at.apiName === role.apiName) {
        issues.push({
          document,
          pointer: '/parent',
          code: 'role_cycle',
          message: `the role hierarchy loops: ${[...path, role.apiName].join(' → ')}`,
        });
        break;
      }
      path.push(at.apiName);
      if (path.length > roles.size) break;
    }
  }
  return issues;
}

function checkPermissionTargets(doc: PermissionSetDocument, document: string, objects: SetObjects): Issue[] {
  const issues: Issue[] = [];
  const missing = (pointer: string, name: string) =>
    issues.push(...unknownObject(objects, name, pointer).map((i) => ({ document, ...i })));
  for (const name of Object.keys(doc.objects ?? {}))
    if (!objects.valid.has(name)) missing(`/objects/${escapePointer(name)}`, name);
  for (const [name, fields] of Object.entries(doc.fields ?? {})) {
    const object = objects.valid.get(name);
    if (!object) {
      missing(`/fields/${escapePointer(name)}`, name);
      continue;
    }
    for (const field of Object.keys(fields))
      if (!propertyOf(object, field))
        issues.push({
          document,
          pointer: `/fields/${escapePointer(name)}/${escapePointer(field)}`,
          code: 'unknown_field',
          message: `"${field}" is not a field of ${name}`,
        });
  }
  return issues;
}
