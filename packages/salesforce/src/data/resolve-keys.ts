/**
 * Salesforce Ids → the records loaded from them, through the record API (the caller's access applies): a
 * query per object per batch of keys, never one per record, so a batch's lookups cost a few queries whatever
 * its size.
 */
import type { RecordApi, RecordData } from '@tessera/engine';
import { SF_ID_FIELD } from '../names.js';
import { chunks } from './source-records.js';

/** Keys per query: the filter language's limit on an `in` list, and the page size. */
const KEYS_PER_QUERY = 500;

/** The records whose `sf_id` is one of `keys`, by key, with `fields` (and `id`). */
export async function recordsByKey(
  records: RecordApi,
  object: string,
  keys: Iterable<string>,
  fields: readonly string[],
): Promise<Map<string, RecordData>> {
  const found = new Map<string, RecordData>();
  const read = [...new Set(['id', SF_ID_FIELD, ...fields])];
  for (const chunk of chunks([...new Set(keys)], KEYS_PER_QUERY)) {
    const rows = await records.list(object, {
      filter: { [SF_ID_FIELD]: { in: chunk } },
      fields: read,
      limit: KEYS_PER_QUERY,
    });
    for (const row of rows) found.set(String(row[SF_ID_FIELD]), row);
  }
  return found;
}

/** The ids of the records whose `sf_id` is one of `keys`, by key. */
export async function idsByKey(
  records: RecordApi,
  object: string,
  keys: Iterable<string>,
): Promise<Map<string, string>> {
  const found = await recordsByKey(records, object, keys, []);
  return new Map([...found].map(([key, row]) => [key, String(row.id)]));
}
