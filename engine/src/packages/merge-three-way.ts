/**
 * A three-way merge of JSON documents: what a package upgrade does to each document it owns. `base` is the
 * document as the installed version shipped it, `mine` as the workspace has it now (with the admin's
 * customizations), `theirs` as the new version ships it. A change made on one side only is taken; where both
 * sides changed the same value differently, the workspace's value is kept and a note says what the package
 * wanted, so an upgrade never silently undoes an admin's work.
 *
 * Objects merge key by key. Lists of plain values (`enum`, `required`) merge as sets: additions on either side
 * are kept, and a value one side removed stays removed. Lists of records that each carry a distinct key
 * (picklist `options` by `value`, layout sections by `id` and their items by `field`, list-view `columns` by
 * `field`) merge item by item. Any other list is one value: taken whole from the side that changed it.
 */
import { escapePointer } from '../metadata/json-pointer.js';

export interface MergeNote {
  /** Where in the document: a JSON pointer, except that an item of a keyed list is named by its key. */
  pointer: string;
  /** The package's value that was not applied (absent: the package removed it). */
  theirs?: unknown;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
/** The keys that name an item of a list of records, in the order they are tried. */
const ITEM_KEYS = ['value', 'field', 'id', 'apiName', 'name'] as const;

export function mergeThreeWay(base: Json, mine: Json, theirs: Json, notes: MergeNote[], pointer = ''): Json {
  if (same(mine, base) || same(mine, theirs)) return theirs;
  if (same(theirs, base)) return mine;
  if (isObject(mine) && isObject(theirs))
    return mergeObjects(isObject(base) ? base : {}, mine, theirs, notes, pointer);
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    const before = Array.isArray(base) ? base : [];
    if ([...mine, ...theirs, ...before].every((v) => !isObject(v) && !Array.isArray(v)))
      return mergeSets(before, mine, theirs);
    const key = itemKey([mine, theirs, before]);
    if (key)
      return mergeKeyed(
        key,
        before as JsonObject[],
        mine as JsonObject[],
        theirs as JsonObject[],
        notes,
        pointer,
      );
  }
  notes.push({ pointer, ...(theirs === undefined ? {} : { theirs }) });
  return mine;
}

function mergeObjects(
  base: JsonObject,
  mine: JsonObject,
  theirs: JsonObject,
  notes: MergeNote[],
  pointer: string,
) {
  const merged: JsonObject = {};
  // The new version's order first, then what only the workspace has (an admin's extra field goes last).
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])) {
    const value = mergeThreeWay(base[key], mine[key], theirs[key], notes, `${pointer}/${escapePointer(key)}`);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

function mergeSets(base: readonly Json[], mine: readonly Json[], theirs: readonly Json[]): Json[] {
  const has = (list: readonly Json[], v: Json) => list.some((x) => same(x, v));
  const removedByMe = (v: Json) => has(base, v) && !has(mine, v);
  const addedByMe = (v: Json) => !has(base, v) && !has(theirs, v);
  return [...theirs.filter((v) => !removedByMe(v)), ...mine.filter(addedByMe)];
}

/** The key that names every item of each list, once per list; undefined when the items have none. */
function itemKey(lists: readonly (readonly Json[])[]): string | undefined {
  return ITEM_KEYS.find((k) =>
    lists.every((items) => {
      const keys = items.map((item) => (isObject(item) ? item[k] : undefined));
      return keys.every((v) => typeof v === 'string') && new Set(keys).size === keys.length;
    }),
  );
}

function mergeKeyed(
  key: string,
  base: readonly JsonObject[],
  mine: readonly JsonObject[],
  theirs: readonly JsonObject[],
  notes: MergeNote[],
  pointer: string,
): JsonObject[] {
  const byKey = (list: readonly JsonObject[]) => new Map(list.map((item) => [item[key] as string, item]));
  const [before, mineByKey, theirsByKey] = [byKey(base), byKey(mine), byKey(theirs)];
  const merged: JsonObject[] = [];
  for (const item of theirs) {
    const k = item[key] as string;
    const at = `${pointer}/${escapePointer(k)}`;
    const value = mergeThreeWay(before.get(k), mineByKey.get(k), item, notes, at);
    if (value !== undefined) merged.push(value as JsonObject);
  }
  for (const item of mine) {
    const k = item[key] as string;
    if (theirsByKey.has(k)) continue;
    // Only here: added by the admin (kept), or dropped by the package (gone, unless the admin changed it).
    const value = mergeThreeWay(before.get(k), item, undefined, notes, `${pointer}/${escapePointer(k)}`);
    if (value !== undefined) merged.push(value as JsonObject);
  }
  return merged;
}
