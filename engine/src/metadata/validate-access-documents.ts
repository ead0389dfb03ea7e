/**
 * Roles and permission sets: their shape against the published meta-schemas, then what a schema cannot say
 * (names used twice, a parent role that does not exist or a hierarchy that loops, permissions on objects and
 * fields that do not exist).
 */
import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import { createAjv } from '../model/ajv.js';
import { buildPermissionSetMetaSchema, buildRoleMetaSchema } from './access-meta-schemas.js';
import { ajvIssues } from './ajv-issues.js';
import { escapePointer } from './json-pointer.js';
import type { DocumentSet, ObjectDocument, PermissionSetDocument, RoleDocument } from './types.js';

let roleValidator: ValidateFunction | undefined;
let permissionSetValidator: ValidateFunction | undefined;

function shapeIssues(validate: ValidateFunction, doc: unknown, document: string): Issue[] {
  return validate(doc) ? [] : ajvIssues(validate.errors, () => undefined).map((i) => ({ document, ...i }));
}

const nameOf = (doc: unknown, index: number, prefix: string) => {
  const apiName = (doc as { apiName?: unknown })?.apiName;
  return typeof apiName === 'string' ? `${prefix}:${apiName}` : `${prefix}#${index}`;
};

export function validateAccessDocuments(set: DocumentSet): Issue[] {
  roleValidator ??= createAjv().compile(buildRoleMetaSchema());
  permissionSetValidator ??= createAjv().compile(buildPermissionSetMetaSchema());
  const issues: Issue[] = [];
  const roles = new Map<string, RoleDocument>();
  (set.roles ?? []).forEach((doc, index) => {
    const document = nameOf(doc, index, 'role');
    const found = shapeIssues(roleValidator as ValidateFunction, doc, document);
    issues.push(...found, ...duplicate(roles, doc, document));
    if (!found.length) roles.set(doc.apiName, doc);
  });
  issues.push(...checkHierarchy(roles));
  const objects = new Map(set.objects.map((o) => [o?.['x-tessera']?.apiName, o]));
  const sets = new Map<string, PermissionSetDocument>();
  (set.permissionSets ?? []).forEach((doc, index) => {
    const document = nameOf(doc, index, 'permission_set');
    const found = shapeIssues(permissionSetValidator as ValidateFunction, doc, document);
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

function checkPermissionTargets(
  doc: PermissionSetDocument,
  document: string,
  objects: ReadonlyMap<string, ObjectDocument>,
): Issue[] {
  const issues: Issue[] = [];
  const unknownObject = (pointer: string, name: string) =>
    issues.push({ document, pointer, code: 'unknown_object', message: `there is no object "${name}"` });
  for (const name of Object.keys(doc.objects ?? {}))
    if (!objects.has(name)) unknownObject(`/objects/${escapePointer(name)}`, name);
  for (const [name, fields] of Object.entries(doc.fields ?? {})) {
    const object = objects.get(name);
    if (!object) {
      unknownObject(`/fields/${escapePointer(name)}`, name);
      continue;
    }
    for (const field of Object.keys(fields))
      if (!Object.hasOwn(object.properties ?? {}, field))
        issues.push({
          document,
          pointer: `/fields/${escapePointer(name)}/${escapePointer(field)}`,
          code: 'unknown_field',
          message: `"${field}" is not a field of ${name}`,
        });
  }
  return issues;
}
