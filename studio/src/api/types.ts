/** What the studio reads from the API, in the engine's own document types. */
import type {
  LayoutDocument,
  ListViewDocument,
  LocalizedText,
  ObjectDocument,
  PermissionSetDocument,
  RoleDocument,
  ValidationRuleDocument,
  ViewRole,
} from '@tessera/engine/types';

export type {
  LayoutItem,
  LayoutSection,
  ListViewColumn,
  PropertyDocument,
  RelatedList as RelatedListDoc,
  ViewRole,
} from '@tessera/engine/types';
export type {
  LayoutDocument,
  ListViewDocument,
  LocalizedText,
  ObjectDocument,
  PermissionSetDocument,
  RoleDocument,
  ValidationRuleDocument,
};

export interface Permissions {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

/** `GET /describe`: the objects the user may read. */
export interface ObjectSummary {
  apiName: string;
  label: LocalizedText;
  pluralLabel?: LocalizedText;
  nameField: string;
  permissions: Permissions;
  /** The installed package (app) the object came with; none for an admin's own objects. */
  app?: { name: string; label: LocalizedText };
}

/** `GET /describe/{object}`: one object as the user may see it. */
export interface ObjectDescription extends ObjectSummary {
  document: ObjectDocument;
  /** The record JSON Schemas the server enforces on create and update. */
  schemas: { create: RecordSchema; update: RecordSchema };
  /** Fields that can lay a list out: `group` (a board's columns), `day` or `instant` (a calendar's days). */
  viewRoles: Record<string, ViewRole>;
  layouts: LayoutDocument[];
  listViews: ListViewDocument[];
}

export interface RecordSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: string[];
}

export type RecordData = Record<string, unknown> & { id: string; version: number };

export interface Page {
  data: RecordData[];
  page: { nextCursor: string | null; total?: number };
}

export interface Me {
  kind: string;
  workspace: string;
  user: { id: string; email: string; name: string; role: string | null } | null;
  /** The session's CSRF token, which changes must send: every tab reads it here. */
  csrfToken: string | null;
  system: Record<string, boolean>;
}

export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: string;
}

/** `GET /meta/packages`: an installed package, and the documents it owns by kind (`{ object: ['account'] }`). */
export interface PackageSummary {
  name: string;
  version: string;
  label?: LocalizedText;
  description?: LocalizedText;
  dependencies: Record<string, string>;
  owns: Record<string, string[]>;
}
