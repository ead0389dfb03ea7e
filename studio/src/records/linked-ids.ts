/**
 * The linked records a set of values names, gathered per target object, so that a page asks for all their names
 * at once (one request per target) rather than once per row: pure, so which requests a page makes is tested
 * without a browser.
 */
import type { PropertyDocument } from '../api/types.js';

/** The most values the API takes in one `in` list, and the most records in one page. */
export const MAX_IN = 500;

/** Record ids as the platform makes them; anything else in a lookup's old value is not asked for. */
const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A target object's records to name: its name field, and the ids (distinct, in the order first met). */
export interface LinkedIds {
  target: string;
  nameField: string;
  ids: string[];
}

/**
 * The ids the lookup and master-detail values among `values` link to, by target object. A field that is no link,
 * a target the user may not read (no name field) and a value that is no record id are left out: those show as
 * they are, or as a muted dash.
 */
export function linkedIds(
  values: readonly { field: string; values: readonly unknown[] }[],
  properties: Record<string, PropertyDocument>,
  nameFieldOf: (object: string) => string | undefined,
): LinkedIds[] {
  const byTarget = new Map<string, { nameField: string; ids: Set<string> }>();
  for (const { field, values: these } of values) {
    const o = properties[field]?.['x-tessera'];
    if (!o || (o.field !== 'lookup' && o.field !== 'master_detail') || !o.target) continue;
    const nameField = nameFieldOf(o.target);
    if (!nameField) continue;
    for (const value of these) {
      if (typeof value !== 'string' || !RECORD_ID.test(value)) continue;
      let group = byTarget.get(o.target);
      if (!group) {
        group = { nameField, ids: new Set() };
        byTarget.set(o.target, group);
      }
      group.ids.add(value);
    }
  }
  return [...byTarget].map(([target, { nameField, ids }]) => ({ target, nameField, ids: [...ids] }));
}

/**
 * The list requests that name a target's records: `id in [...]`, only the name field, as many records as ids —
 * one request, or one per 500 ids beyond the API's limits.
 */
export function namesQueries({ target, nameField, ids }: LinkedIds): string[] {
  const queries: string[] = [];
  for (let start = 0; start < ids.length; start += MAX_IN) {
    const chunk = ids.slice(start, start + MAX_IN);
    const params = new URLSearchParams({
      filter: JSON.stringify({ id: { in: chunk } }),
      fields: nameField,
      limit: String(chunk.length),
    });
    queries.push(`/data/${target}?${params}`);
  }
  return queries;
}
