/**
 * Every record a list query matches, a page at a time, through the caller's record API (their access, their
 * field-level security), following the cursor: never more than one page in memory. Linked records come
 * inline (`expand`), at most MAX_EXPAND fields per query, so an object with more links costs one more query
 * per page for each further ten.
 */

import { EXPANDED, MAX_EXPAND } from '../records/expand.js';
import type { Page, PageOptions, RecordApi, RecordData } from '../records/record-api.js';

export interface PageQuery {
  filter?: unknown;
  sort?: string;
  fields: string[];
  references: string[];
  /** Records per query (see RecordApi.exportPage). */
  pageSize?: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The links beyond the first MAX_EXPAND of each record of `records`, read for the same records by id. */
async function expandRest(api: RecordApi, object: string, records: RecordData[], rest: string[][]) {
  if (!records.length) return;
  const ids = records.map((r) => r.id);
  for (const expand of rest) {
    const linked = await api.exportPage(object, { filter: { id: { in: ids } }, fields: ['id'], expand });
    const byId = new Map(linked.data.map((r) => [r.id, r[EXPANDED] as RecordData]));
    for (const record of records) Object.assign(record[EXPANDED] as RecordData, byId.get(record.id) ?? {});
  }
}

/**
 * The pages of the query; the first is read before this returns, so a bad query (an unknown field, a filter
 * that does not fit) fails before anything is written.
 */
export async function recordPages(
  api: RecordApi,
  object: string,
  query: PageQuery,
): Promise<() => AsyncGenerator<RecordData[]>> {
  const [inline = [], ...rest] = chunks(query.references, MAX_EXPAND);
  const options: PageOptions = {
    fields: query.fields,
    ...(query.pageSize !== undefined ? { limit: query.pageSize } : {}),
    ...(query.filter !== undefined ? { filter: query.filter } : {}),
    ...(query.sort !== undefined ? { sort: query.sort } : {}),
    ...(inline.length ? { expand: inline } : {}),
  };
  const read = async (cursor?: string): Promise<Page> => {
    const page = await api.exportPage(object, cursor === undefined ? options : { ...options, cursor });
    await expandRest(api, object, page.data, rest);
    return page;
  };
  const first = await read();
  return async function* pages() {
    let page = first;
    yield page.data;
    while (page.nextCursor !== null) {
      page = await read(page.nextCursor);
      yield page.data;
    }
  };
}
