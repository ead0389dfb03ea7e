/** Search across objects (`/search`): records of every object the caller may read, grouped by object. */
import { type Call, queryString } from './request.js';

export interface SearchHit {
  id: string;
  /** null when the caller may not read the name field. */
  name: string | null;
  /** The field the snippet is from. */
  field: string;
  /** That field's text around the first word it holds. */
  snippet: string;
}

export interface SearchGroup {
  object: string;
  records: SearchHit[];
}

export interface SearchOptions {
  /** Only these objects (API names); every one the caller may read when absent. */
  objects?: string[];
  /** Records per object (1–50, default 5). */
  limit?: number;
}

/** Records whose name or searchable fields hold every word of `q`, grouped by object. */
export type SearchCall = (q: string, options?: SearchOptions) => Promise<SearchGroup[]>;

export const searchCall =
  (call: Call): SearchCall =>
  async (q, options = {}) =>
    (
      await call<{ data: SearchGroup[] }>(
        'GET',
        `/search${queryString({ q, objects: options.objects?.join(','), limit: options.limit })}`,
      )
    ).data;
