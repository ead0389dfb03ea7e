/**
 * Salesforce Ids → the ids of the records loaded from them, through the record API (the caller's access
 * applies): a query per object per batch of keys, never one per record, so a batch's lookups cost a few
 * queries whatever its size.
 */
import type { RecordApi } from '@tessera/engine';
import { SF_ID_FIELD } from '../names.js';
import { chunks } from './source-records.js';

/** Keys per query: the filter language's limit on an `in` list, and the page size. */
const KEYS_PER_QUERY = 500;

export async function idsByKey(
  records: RecordApi,
  object: string,
  keys: Iterable<string>,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunks([...new Set(keys)], KEYS_PER_QUERY)) {
    const rows = await records.list(object, {
      filter: { [SF_ID_FIELD]: { in: chunk } },
      fields: ['id', SF_ID_FIELD],
      limit: KEYS_PER_QUERY,
    });
    for (const row of rows) found.set(String(row[SF_ID_FIELD]), String(row.id));
  }
  return found;
}
