/**
 * Where each exported object and column goes: the converted package's `salesforce-map.json`, and for the
 * objects it does not name, the standard objects crm-core has (names.ts), each with its `sf_id`. Read from a file, the map is checked
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

/**
 * The map with the standard objects it does not have: a project that never customized Opportunity has no
 * Opportunity in its map, yet its data export may well have Opportunity records for crm-core's opportunity.
 */
export function withStandardObjects(map: SalesforceMap): SalesforceMap {
  const own = new Set(Object.keys(map.objects).map((name) => name.toLowerCase()));
  const missing = Object.entries(standardMap().objects).filter(([name]) => !own.has(name.toLowerCase()));
  return { ...map, objects: { ...map.objects, ...Object.fromEntries(missing) } };
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
