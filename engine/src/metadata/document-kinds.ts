/**
 * The kinds of metadata document a version holds, and how each is named and keyed. Everything that walks a
 * whole document set (the store, the diff, deploy's change list, merging) goes through this file, so a new
 * kind is one more line of `NAMED_KINDS`.
 */
import { buildPermissionSetMetaSchema, buildRoleMetaSchema } from './access-meta-schemas.js';
import { buildAutomationMetaSchema } from './automation-meta-schema.js';
import { buildDuplicateRuleMetaSchema, buildValidationRuleMetaSchema } from './rule-meta-schema.js';
import type {
  AutomationDocument,
  DocumentSet,
  DuplicateRuleDocument,
  JsonSchema,
  LayoutDocument,
  ListViewDocument,
  ObjectDocument,
  PackageRecord,
  PermissionSetDocument,
  RoleDocument,
  ValidationRuleDocument,
} from './types.js';
import { buildLayoutMetaSchema, buildListViewMetaSchema } from './view-meta-schemas.js';

/**
 * Every kind but objects: documents known by their API name, kept in a DocumentSet under `key`, served under
 * `/meta/<route>`, described by `metaSchema` (published as `component` in the OpenAPI), and kept in a package's
 * `<folder>/`.
 */
export const NAMED_KINDS = [
  named('role', 'roles', 'roles', 'RoleDocument', 'permissions', buildRoleMetaSchema),
  named(
    'permission_set',
    'permissionSets',
    'permission-sets',
    'PermissionSetDocument',
    'permissions',
    buildPermissionSetMetaSchema,
  ),
  named(
    'validation_rule',
    'validationRules',
    'validation-rules',
    'ValidationRuleDocument',
    'rules',
    buildValidationRuleMetaSchema,
  ),
  named(
    'duplicate_rule',
    'duplicateRules',
    'duplicate-rules',
    'DuplicateRuleDocument',
    'rules',
    buildDuplicateRuleMetaSchema,
  ),
  named('layout', 'layouts', 'layouts', 'LayoutDocument', 'layouts', buildLayoutMetaSchema),
  named('list_view', 'listViews', 'list-views', 'ListViewDocument', 'views', buildListViewMetaSchema),
  named(
    'automation',
    'automations',
    'automations',
    'AutomationDocument',
    'automations',
    buildAutomationMetaSchema,
  ),
] as const;

function named<K extends string, Key extends string>(
  kind: K,
  key: Key,
  route: string,
  component: string,
  folder: string,
  metaSchema: () => JsonSchema,
) {
  /** "permission set", for messages. */
  const label = kind.replace('_', ' ');
  return { kind, key, route, component, folder, metaSchema, label };
}

export type NamedKind = (typeof NAMED_KINDS)[number];
export type NamedKey = NamedKind['key'];
export type NamedDocument =
  | RoleDocument
  | PermissionSetDocument
  | ValidationRuleDocument
  | DuplicateRuleDocument
  | LayoutDocument
  | ListViewDocument
  | AutomationDocument;

export type DocumentKind = 'object' | NamedKind['kind'] | 'package';
export type AnyDocument = ObjectDocument | NamedDocument | PackageRecord;

export interface DocumentEntry {
  kind: DocumentKind;
  /** The stable id the revisions are kept under: an object's `x-tessera.id`, otherwise the API name. */
  id: string;
  apiName: string;
  doc: AnyDocument;
}

export const objectDocId = (doc: ObjectDocument) => doc['x-tessera'].id ?? doc['x-tessera'].apiName;

/** The documents of `set` under `key`, typed as named documents. */
export const namedDocuments = (set: Partial<DocumentSet>, key: NamedKey): readonly NamedDocument[] =>
  (set[key] as readonly NamedDocument[] | undefined) ?? [];

export function documentEntries(set: DocumentSet): DocumentEntry[] {
  return [
    ...set.objects.map((doc) => ({
      kind: 'object' as const,
      id: objectDocId(doc),
      apiName: doc['x-tessera'].apiName,
      doc,
    })),
    ...NAMED_KINDS.flatMap(({ kind, key }) =>
      namedDocuments(set, key).map((doc) => ({ kind, id: doc.apiName, apiName: doc.apiName, doc })),
    ),
    ...(set.packages ?? []).map((doc) => ({
      kind: 'package' as const,
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
  for (const { kind, key } of NAMED_KINDS) {
    const docs = of<NamedDocument>(kind, (d) => d.apiName);
    if (docs.length) (set as unknown as Record<string, unknown>)[key] = docs;
  }
  const packages = of<PackageRecord>('package', (d) => d.apiName);
  if (packages.length) set.packages = packages;
  return set;
}
