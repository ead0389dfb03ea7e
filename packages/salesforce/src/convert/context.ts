/**
 * The conversion's shared state: which Salesforce object became which Tessera object, and which field which
 * field, decided before anything is converted so lookups, formulas and roll-ups can name what they point at.
 */
import type {
  LayoutDocument,
  ListViewDocument,
  ObjectDocument,
  PermissionSetDocument,
  PropertyDocument,
  ValidationRuleDocument,
} from '@tessera/engine';
import type { BasePackage } from '../base-package.js';
import type { NameAllocator } from '../names.js';
import type { SalesforceProject, SourceObject } from '../read/project.js';
import type { Xml } from '../read/xml.js';
import type { ReportBuilder } from '../report.js';

export interface PlannedField {
  /** Salesforce API name as written in the project. */
  sf: string;
  /** Tessera field name. */
  name: string;
  /** `base`: a field crm-core already has; `system`: a platform field (`created_at`…); `new`: converted here. */
  origin: 'base' | 'system' | 'new';
  xml?: Xml;
  /** Set once converted (for `new` fields); base fields are read from the base object. */
  property?: PropertyDocument;
  required?: boolean;
  /** Lookups: the objects the Salesforce Id may point at. */
  references?: string[];
}

export interface PlannedObject {
  sf: string;
  name: string;
  /** `base`: crm-core's object, which the package extends; `package`: an object of the package. */
  origin: 'base' | 'package';
  source?: SourceObject;
  /** For `package` objects, the whole document; for `base` objects, only what the package adds. */
  document: ObjectDocument;
  /** For `base` objects, crm-core's document. */
  base?: ObjectDocument;
  /** By lower-cased Salesforce name: Salesforce names are case-insensitive in formulas and list views. */
  fields: Map<string, PlannedField>;
  names: NameAllocator;
  /** Set when the object has record types. */
  recordTypeField?: string;
  /** crm-core's name field from these Salesforce fields (Contact: FirstName LastName). */
  nameFrom?: string[];
}

export interface Conversion {
  project: SalesforceProject;
  packageName: string;
  basePackage: BasePackage;
  report: ReportBuilder;
  /** By Salesforce object name (exact) and lower-cased. */
  objects: Map<string, PlannedObject>;
  validationRules: ValidationRuleDocument[];
  layouts: LayoutDocument[];
  listViews: ListViewDocument[];
  permissionSets: PermissionSetDocument[];
  /** Validation rules by `<Salesforce object>.<rule name>`: their API names, for translations. */
  ruleNames: Map<string, string>;
  /** API names of named documents, one allocator for all (they share the package's folders). */
  documentNames: NameAllocator;
}

/** Each converted object once (the map holds each under two keys). */
export const convertedObjects = (c: Conversion): PlannedObject[] => [...new Set(c.objects.values())];

export function plannedObject(c: Conversion, sfName: string): PlannedObject | undefined {
  return c.objects.get(sfName) ?? c.objects.get(sfName.toLowerCase());
}

export function plannedField(o: PlannedObject, sfName: string): PlannedField | undefined {
  return o.fields.get(sfName.toLowerCase());
}

export function addField(o: PlannedObject, field: PlannedField): void {
  o.fields.set(field.sf.toLowerCase(), field);
}

/** The property of a field, converted here or crm-core's. */
export function propertyOfField(o: PlannedObject, f: PlannedField): PropertyDocument | undefined {
  return f.property ?? o.document.properties[f.name] ?? o.base?.properties[f.name];
}

/** Every property of the object as deployed: crm-core's and the package's. */
export function allProperties(o: PlannedObject): Record<string, PropertyDocument> {
  return { ...(o.base?.properties ?? {}), ...o.document.properties };
}
