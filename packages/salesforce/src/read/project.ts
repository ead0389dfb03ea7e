/** What the reader found in a Salesforce project: metadata by kind, still as Salesforce wrote it. */
import type { Xml } from './xml.js';

/** One object with everything filed under it (source format splits these into files; mdapi keeps them inline). */
export interface SourceObject {
  /** Salesforce API name: `Account`, `npsp__Allocation__c`. */
  name: string;
  /** The `<CustomObject>` element, absent when the project only has the object's fields (a standard object). */
  definition?: Xml;
  /** By field API name. */
  fields: Map<string, Xml>;
  validationRules: Xml[];
  recordTypes: Xml[];
  listViews: Xml[];
  /** Parts with no Tessera counterpart (field sets, compact layouts, buttons…): kind → names, for the report. */
  unconverted: Map<string, string[]>;
}

export interface SourceLayout {
  object: string;
  /** The layout's name after the object: `Household Layout`. */
  name: string;
  xml: Xml;
}

export interface SourceTranslation {
  /** The object, or the value set, translated. */
  name: string;
  /** Salesforce's language code: `zh_CN`, `de`, `pt_BR`. */
  language: string;
  xml: Xml;
  /** Source format keeps field translations in files of their own. */
  fields: Xml[];
}

export interface SalesforceProject {
  root: string;
  objects: Map<string, SourceObject>;
  layouts: SourceLayout[];
  permissionSets: Map<string, Xml>;
  objectTranslations: SourceTranslation[];
  valueSetTranslations: SourceTranslation[];
  globalValueSets: Map<string, Xml>;
  standardValueSets: Map<string, Xml>;
  /** Metadata of kinds the converter does not take (Apex, flows, Lightning components…): kind → names. */
  unconverted: Map<string, string[]>;
}

export function emptyObject(name: string): SourceObject {
  return {
    name,
    fields: new Map(),
    validationRules: [],
    recordTypes: [],
    listViews: [],
    unconverted: new Map(),
  };
}

export function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
