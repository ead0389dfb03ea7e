/** ETags are the record's version: `"7"`. `If-Match` takes one (or `*`); a weak tag never matches a write. */
import { badRequest } from './http-error.js';

export const etagOf = (record: { version?: unknown }) => `"${record.version}"`;

/** The version an `If-Match` header asks for, undefined when it asks for none (absent or `*`). */
export function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*"(\d+)"\s*$/.exec(header);
  if (!match) throw badRequest('bad_if_match', 'If-Match must be an ETag of this API, like "3"', 'If-Match');
  return Number(match[1]);
}
