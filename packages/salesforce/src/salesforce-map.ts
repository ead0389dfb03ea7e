/**
 * `salesforce-map.json`: how a converted package names what the Salesforce org had. Written by the metadata
 * converter beside the package's documents (deploy reads only its own folders and files, so it ignores this),
 * read by the data loader (`tessera import salesforce-data --map`) to put each exported column in its field.
 *
 * ```json
 * {
 *   "format": "tessera-salesforce-map", "version": 1,
 *   "package": "npsp", "basePackage": "crm-core",
 *   "objects": {
 *     "Account": { "object": "account", "origin": "base", "fields": {
 *       "Name": { "field": "name", "type": "text" },
 *       "npo02__Best_Gift_Year__c": { "field": "npo02_best_gift_year", "type": "text" } } },
 *     "npe03__Recurring_Donation__c": { "object": "npe03_recurring_donation", "origin": "package", "fields": {
 *       "npe03__Contact__c": { "field": "npe03_contact", "type": "lookup", "references": ["Contact"] },
 *       "npe03__Amount__c": { "field": "npe03_amount", "type": "currency" },
 *       "Total__c": { "field": "total", "type": "formula", "readOnly": true } } }
 *   }
 * }
 * ```
 */
import { SF_ID_FIELD } from './names.js';

export const MAP_FILE = 'salesforce-map.json';
export const MAP_FORMAT = 'tessera-salesforce-map';
export const MAP_VERSION = 1;

export interface MappedField {
  /** The Tessera field API name. */
  field: string;
  /** The Tessera field type (`text`, `lookup`, `user`, `multipicklist`, `formula`…). */
  type: string;
  /** Lookups and master-details: the Salesforce objects the Id may point at (more than one: polymorphic). */
  references?: string[];
  /** Computed here (formula, roll-up, auto-number) or a platform field: never written by a data load. */
  readOnly?: boolean;
  /** A Salesforce value that needs reshaping on the way in (`multipicklist`: `a;b` → `["a","b"]`). */
  note?: string;
  /**
   * crm-core picklists, whose values are not Salesforce's: a Salesforce value (as Salesforce writes it, matched
   * by label) → the Tessera value. `{ "Closed Won": "closed_won" }`.
   */
  values?: Record<string, string>;
}

export interface MappedObject {
  /** The Tessera object API name. */
  object: string;
  /** `base`: an object of the base package (crm-core) the package adds fields to; `package`: its own. */
  origin: 'base' | 'package';
  /** crm-core's name field from these Salesforce fields joined by a space, when the record has no Name. */
  nameFrom?: string[];
  /** Salesforce field API name → the field; `Id` → `sf_id` always. */
  fields: Record<string, MappedField>;
}

export interface SalesforceMap {
  format: typeof MAP_FORMAT;
  version: typeof MAP_VERSION;
  /** The converted package's name. */
  package: string;
  basePackage: string;
  /** Salesforce object API name → the object. */
  objects: Record<string, MappedObject>;
}

/** Problems with a map read from a file, each naming where: an empty list when it is usable. */
export function checkMap(value: unknown): string[] {
  const problems: string[] = [];
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(value)) return ['the map must be a JSON object'];
  if (value.format !== MAP_FORMAT) problems.push(`"format" must be "${MAP_FORMAT}"`);
  if (value.version !== MAP_VERSION) problems.push(`"version" must be ${MAP_VERSION}`);
  if (!isRecord(value.objects)) return [...problems, '"objects" must be an object'];
  for (const [sfObject, mapped] of Object.entries(value.objects)) {
    if (!isRecord(mapped) || typeof mapped.object !== 'string' || !isRecord(mapped.fields)) {
      problems.push(`objects.${sfObject} must have "object" (text) and "fields" (an object)`);
      continue;
    }
    for (const [sfField, f] of Object.entries(mapped.fields))
      if (!isRecord(f) || typeof f.field !== 'string' || typeof f.type !== 'string')
        problems.push(`objects.${sfObject}.fields.${sfField} must have "field" and "type" (text)`);
    if (!isRecord(mapped.fields.Id) || mapped.fields.Id.field !== SF_ID_FIELD)
      problems.push(`objects.${sfObject}.fields.Id must map to "${SF_ID_FIELD}"`);
  }
  return problems;
}
