/**
 * The kinds of metadata document a version holds, and how each is named and keyed. Everything that walks a
 * whole document set (the store, the diff, deploy's change list) goes through `documentEntries`, so a new kind
 * is added here once.
 */
import type {
  DocumentSet,
  DuplicateRuleDocument,
  ObjectDocument,
  PermissionSetDocument,
  RoleDocument,
  ValidationRuleDocument,
} from './types.js';

export type DocumentKind = 'object' | 'role' | 'permission_set' | 'validation_rule' | 'duplicate_rule';
export type AnyDocument =
  | ObjectDocument
  | RoleDocument
  | PermissionSetDocument
  | ValidationRuleDocument
  | DuplicateRuleDocument;

export interface DocumentEntry {
  kind: DocumentKind;
  /** The stable id the revisions are kept under: an object's `x-tessera.id`, otherwise the API name. */
  id: string;
  apiName: string;
  doc: AnyDocument;
}

export const objectDocId = (doc: ObjectDocument) => doc['x-tessera'].id ?? doc['x-tessera'].apiName;

export function documentEntries(set: DocumentSet): DocumentEntry[] {
  return [
    ...set.objects.map((doc) => ({
      kind: 'object' as const,
      id: objectDocId(doc),
      apiName: doc['x-tessera'].apiName,
      doc,
    })),
    ...(set.roles ?? []).map((doc) => ({
      kind: 'role' as const,
      id: doc.apiName,
      apiName: doc.apiName,
      doc,
    })),
    ...(set.permissionSets ?? []).map((doc) => ({
      kind: 'permission_set' as const,
      id: doc.apiName,
      apiName: doc.apiName,
      doc,
    })),
    ...(set.validationRules ?? []).map((doc) => ({
      kind: 'validation_rule' as const,
      id: doc.apiName,
      apiName: doc.apiName,
      doc,
    })),
    ...(set.duplicateRules ?? []).map((doc) => ({
      kind: 'duplicate_rule' as const,
      id: doc.apiName,
      apiName: doc.apiName,
      doc,
    })),
  ];
}

/** A document set from stored documents of any kind, each kind in API-name order. */
export function documentSetOf(entries: readonly { kind: string; doc: unknown }[]): DocumentSet {
  const of = <T>(kind: DocumentKind, name: (doc: T) => string) =>
    entries
      .filter((e) => e.kind === kind)
      .map((e) => e.doc as T)
      .sort((a, b) => name(a).localeCompare(name(b)));
  const set: DocumentSet = { objects: of<ObjectDocument>('object', (d) => d['x-tessera'].apiName) };
  const roles = of<RoleDocument>('role', (d) => d.apiName);
  const permissionSets = of<PermissionSetDocument>('permission_set', (d) => d.apiName);
  if (roles.length) set.roles = roles;
  if (permissionSets.length) set.permissionSets = permissionSets;
  const validationRules = of<ValidationRuleDocument>('validation_rule', (d) => d.apiName);
  if (validationRules.length) set.validationRules = validationRules;
  const duplicateRules = of<DuplicateRuleDocument>('duplicate_rule', (d) => d.apiName);
  if (duplicateRules.length) set.duplicateRules = duplicateRules;
  return set;
}
