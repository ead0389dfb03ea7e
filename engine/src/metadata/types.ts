/**
 * The metadata format: an object definition is a JSON Schema document for one record, with
 * platform meaning under `x-tessera`. These types describe documents as people write them; the engine never
 * trusts them before `validateDocuments` has passed.
 */
import type { FieldType } from '../fields/field-types.js';

/** Text in several languages, keyed by BCP 47 tag: `{ "en": "Store", "zh-CN": "门店" }`. */
export type LocalizedText = Record<string, string>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Any JSON Schema fragment; the engine reads the standard keywords it needs by name. */
export type JsonSchema = { [keyword: string]: unknown };

export interface PicklistOption {
  value: string;
  label?: LocalizedText;
  color?: string;
  /** For dependent picklists: the controlling field's values under which this option is allowed. */
  validFor?: string[];
}

export type RollupFunction = 'count' | 'sum' | 'min' | 'max';

/** Everything a field can say under `x-tessera`; which options are allowed depends on `field`. */
export interface FieldOptions {
  /** Stable internal id: survives renames of the API name, so data follows the field. */
  id?: string;
  field: FieldType;
  label?: LocalizedText;
  description?: LocalizedText;
  helpText?: LocalizedText;
  unique?: boolean;
  /** Text-like fields only: the search index matches it, besides the object's name field. */
  searchable?: boolean;
  scale?: number;
  options?: PicklistOption[];
  controllingField?: string;
  target?: string;
  /** Lookups only: master-details always cascade. */
  onDelete?: 'restrict' | 'setNull';
  formula?: string;
  /** A formula over the record's other fields giving the value on create when none is sent. */
  defaultFormula?: string;
  returns?: 'text' | 'number' | 'currency' | 'percent' | 'integer' | 'boolean' | 'date' | 'datetime';
  summarizedObject?: string;
  summarizedField?: string;
  function?: RollupFunction;
  filter?: JsonValue;
  format?: string;
}

/** One property of an object document: JSON Schema keywords plus `x-tessera`. */
export interface PropertyDocument extends JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  default?: JsonValue;
  readOnly?: boolean;
  'x-tessera': FieldOptions;
}

export interface ObjectOptions {
  /** Stable internal id: survives renames of the API name, so the table follows the object. */
  id?: string;
  apiName: string;
  label?: LocalizedText;
  pluralLabel?: LocalizedText;
  description?: LocalizedText;
  nameField: string;
  trackHistory?: boolean;
  /** Who sees and changes records they do not own (the organization-wide default); `private` when absent. */
  sharing?: SharingModel;
  /** A picklist field whose value is the record's type: layouts can be chosen by it. */
  recordTypeField?: string;
}

export const SHARING_MODELS = ['private', 'public_read', 'public_read_write'] as const;
export type SharingModel = (typeof SHARING_MODELS)[number];

export interface ObjectDocument extends JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type: 'object';
  'x-tessera': ObjectOptions;
  properties: Record<string, PropertyDocument>;
  required?: string[];
}

/** A place in the role hierarchy: a user in a role reaches the records owned by users in the roles below it. */
export interface RoleDocument {
  kind: 'role';
  apiName: string;
  label?: LocalizedText;
  description?: LocalizedText;
  /** The role this one reports to; absent at the top. */
  parent?: string;
}

export const OBJECT_PERMISSIONS = ['read', 'create', 'edit', 'delete', 'viewAll', 'modifyAll'] as const;
export type ObjectPermission = (typeof OBJECT_PERMISSIONS)[number];

/** Per field: `edit` (the default for a field not listed), `read` (read-only) or `none` (hidden). */
export type FieldAccess = 'edit' | 'read' | 'none';

export const SYSTEM_PERMISSIONS = ['manageMetadata', 'manageUsers', 'viewAllData', 'modifyAllData'] as const;
export type SystemPermission = (typeof SYSTEM_PERMISSIONS)[number];

/** What its users may do: per object, per field, and across the workspace. A user's sets add up. */
export interface PermissionSetDocument {
  kind: 'permission_set';
  apiName: string;
  label?: LocalizedText;
  description?: LocalizedText;
  objects?: Record<string, Partial<Record<ObjectPermission, boolean>>>;
  fields?: Record<string, Record<string, FieldAccess>>;
  system?: Partial<Record<SystemPermission, boolean>>;
}

/**
 * A rule every write of an object's records must keep: when its formula is true for the record as it would be
 * stored, the write is refused with the message (on the field, if it names one).
 */
export interface ValidationRuleDocument {
  kind: 'validation_rule';
  apiName: string;
  object: string;
  formula: string;
  message: LocalizedText;
  field?: string;
  /** False switches the rule off without deleting it. */
  active?: boolean;
  description?: LocalizedText;
}

/**
 * Records that look alike: a new or changed record matching an existing one on every listed field (compared
 * normalized: case and surrounding space ignored, phones by their digits) is refused (`block`) or written with
 * a warning in the answer (`warn`).
 */
export interface DuplicateRuleDocument {
  kind: 'duplicate_rule';
  apiName: string;
  object: string;
  fields: string[];
  action: 'block' | 'warn';
  message: LocalizedText;
  active?: boolean;
  description?: LocalizedText;
}

/** One field placed in a layout section: in which column, and whether the form insists on it or only shows it. */
export interface LayoutItem {
  field: string;
  /** 1-based column of the section; 1 when absent. */
  column?: number;
  /** The form requires a value (on top of the object's own `required`). */
  required?: boolean;
  /** The form shows the value but does not let it be changed here. */
  readOnly?: boolean;
}

export interface LayoutSection {
  /** Stable within the layout, so a designer can move and rename sections. */
  id: string;
  label?: LocalizedText;
  /** 1 to 3. */
  columns: number;
  items: LayoutItem[];
}

/** Records of another object that point at this one, listed on its record page. */
export interface RelatedList {
  object: string;
  /** The other object's lookup or master-detail field pointing here. */
  field: string;
  /** Columns shown; the other object's name field when absent. */
  columns?: string[];
  label?: LocalizedText;
}

/**
 * How an object's record page and form are laid out. The layout used is the first whose `roles` and
 * `recordTypes` match the user and the record; one without either is the default.
 */
export interface LayoutDocument {
  kind: 'layout';
  apiName: string;
  object: string;
  label?: LocalizedText;
  /** Roles it is for (a user in none of them gets another layout). */
  roles?: string[];
  /** Values of the object's `recordTypeField` it is for. */
  recordTypes?: string[];
  sections: LayoutSection[];
  relatedLists?: RelatedList[];
  /** The key fields shown in the record page's header, in order (fields or system fields of the object). */
  highlights?: string[];
}

export interface ListViewColumn {
  field: string;
  /** Pixels. */
  width?: number;
  /** Kept in view on the left while scrolling sideways. */
  pinned?: boolean;
}

/** A saved list of an object's records: which columns, which records (a filter of the data API), in what order. */
export interface ListViewDocument {
  kind: 'list_view';
  apiName: string;
  object: string;
  label: LocalizedText;
  columns: ListViewColumn[];
  /** A filter as the data API takes it. */
  filter?: Record<string, unknown>;
  /** As the data API takes it: `-created_at,name`. */
  sort?: string;
  /** 1 to 500. */
  pageSize?: number;
  /** How the records are shown: rows of columns (the default), a board, or a calendar. */
  display?: ListViewDisplay;
  /** A board's cards in a column per value of a picklist: dragging a card to a column sets that value. */
  board?: { groupBy: string };
  /** A calendar of the records by a date or date-time field (shown in the user's time zone). */
  calendar?: { field: string };
}

export type ListViewDisplay = 'table' | 'board' | 'calendar';

/**
 * `group`: one value of a fixed list, so a board has a column per value; `day`: a calendar date, the same day in
 * every zone; `instant`: a point in time, on the calendar day it falls on in the user's zone.
 */
export type ViewRole = 'group' | 'day' | 'instant';

/**
 * An installed package: its manifest, and the documents its installed version shipped. Those are
 * the documents it owns, and what an upgrade compares the workspace with to tell an admin's customizations from
 * the package's own changes. Kept with the metadata, so a version's restore brings its packages back too.
 */
export interface PackageRecord {
  kind: 'package';
  /** The package's name. */
  apiName: string;
  /** Semantic version. */
  version: string;
  label?: LocalizedText;
  description?: string | LocalizedText;
  /** Other packages by name, with a semver range. */
  dependencies: Record<string, string>;
  /** The documents as the installed version shipped them, objects with their stable ids. */
  shipped: DocumentSet;
  /** The fields it added to its dependencies' objects, as the installed version shipped them. */
  extensions?: ObjectExtension[];
}

/**
 * Fields a package adds to an object that one of its dependencies owns (`extensions/<object>.json`). The added
 * fields belong to the extending package: its upgrades and uninstall change them, the dependency's leave them.
 */
export interface ObjectExtension {
  /** The extended object's API name. */
  object: string;
  properties: Record<string, PropertyDocument>;
  /** Which of the added fields are required. */
  required?: string[];
  /** One of the added fields as the object's record-type field, when the dependency sets none. */
  recordTypeField?: string;
}

/** A value an automation sets: a literal, or a formula over the triggering record. */
export type AutomationSet = { field: string; value: JsonValue } | { field: string; formula: string };

/** Who a notification goes to. */
export type NotifyRecipient =
  | { owner: true }
  | { user: string }
  | { role: string }
  /** A `user` field of the record (or a lookup path to one: `asset_id.region_id.engineer_id`). */
  | { field: string };

export type AutomationAction =
  /** Sets fields of the record, or with `path` of the record a lookup on it names (a parent). */
  | { type: 'update_record'; path?: string; set: AutomationSet[] }
  | { type: 'create_record'; object: string; set: AutomationSet[] }
  /** Sets the owner: from a user field or lookup path (`field`), or round-robin over a role's active users. */
  | { type: 'assign'; field?: string; roundRobin?: { role: string } }
  | { type: 'notify'; to: NotifyRecipient[]; message: LocalizedText; title?: LocalizedText }
  | { type: 'webhook'; url: string; secret: string };

export type AutomationTrigger =
  | {
      on: ('create' | 'update' | 'delete')[];
      /** A boolean formula over the record; may use ISNEW(), ISCHANGED(field), PRIORVALUE(field). */
      when?: string;
      /** Only writes that change one of these fields. */
      changedFields?: string[];
    }
  | { schedule: { cron: string; timeZone: string }; filter?: JsonValue }
  /** Per record, at its date or datetime field plus an ISO 8601 duration (`-PT2H`); `when` must hold. */
  | { relative: { field: string; offset: string }; when?: string };

export interface AutomationDocument {
  kind: 'automation';
  apiName: string;
  label: LocalizedText;
  description?: LocalizedText;
  object: string;
  active: boolean;
  trigger: AutomationTrigger;
  actions: AutomationAction[];
}

/** The documents of one metadata version. Objects are keyed by API name. */
export interface DocumentSet {
  objects: ObjectDocument[];
  roles?: RoleDocument[];
  permissionSets?: PermissionSetDocument[];
  validationRules?: ValidationRuleDocument[];
  duplicateRules?: DuplicateRuleDocument[];
  layouts?: LayoutDocument[];
  listViews?: ListViewDocument[];
  automations?: AutomationDocument[];
  /** Installed packages: written by package installs only, carried over by every other change. */
  packages?: PackageRecord[];
}

export const objectApiName = (doc: ObjectDocument): string => doc['x-tessera'].apiName;
