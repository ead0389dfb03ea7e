/**
 * Where each exported object and column goes: the converted package's `salesforce-map.json`, or without one
 * the standard objects crm-core has (names.ts), each with its `sf_id`. Read from a file, the map is checked
 * first (salesforce-map.ts); names are matched without regard to case, since Data Loader writes headers
 * upper case.
 */
import { readFile } from 'node:fs/promises';
import { SF_ID_FIELD, STANDARD_OBJECTS } from '../names.js';
import {
  checkMap,
  MAP_FORMAT,
  MAP_VERSION,
  type MappedObject,
  type SalesforceMap,
} from '../salesforce-map.js';
import { SalesforceDataError } from './data-errors.js';

/** The map of the standard objects onto crm-core, for data loaded without a converted package's map. */
export function standardMap(): SalesforceMap {
  const objects: Record<string, MappedObject> = {};
  for (const [sfObject, standard] of Object.entries(STANDARD_OBJECTS)) {
    const fields: MappedObject['fields'] = { Id: { field: SF_ID_FIELD, type: 'text' } };
    for (const [sfField, field] of Object.entries(standard.fields)) fields[sfField] = { field, type: '' };
    objects[sfObject] = {
      object: standard.object,
      origin: 'base',
      fields,
      ...(standard.nameFrom ? { nameFrom: [...standard.nameFrom] } : {}),
    };
  }
  return { format: MAP_FORMAT, version: MAP_VERSION, package: '', basePackage: 'crm-core', objects };
}

export async function readMap(path: string): Promise<SalesforceMap> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SalesforceDataError('bad_map', `${path}: cannot be read as JSON (${(error as Error).message})`);
  }
  const problems = checkMap(json);
  if (problems.length) throw new SalesforceDataError('bad_map', `${path}: ${problems.join('; ')}`);
  return json as SalesforceMap;
}

/** A map's entries by lower-cased name, so `ACCOUNTID` finds `AccountId`. */
export function byLowerName<T>(entries: Record<string, T>): Map<string, [string, T]> {
  return new Map(Object.entries(entries).map(([name, value]) => [name.toLowerCase(), [name, value]]));
}
