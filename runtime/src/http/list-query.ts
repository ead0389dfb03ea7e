/**
 * The options of a list, from the query string of `GET /data/{object}` or the body of
 * `POST /data/{object}/query`: the same names and meanings in both places.
 */
import type { PageOptions } from '@tessera/engine';
import { badRequest, refuseUnknown } from './http-error.js';

const list = (value: unknown, name: string): string[] | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw badRequest(
    'bad_parameter',
    `${name} must be a comma-separated list of field names`,
    name,
    `/${name}`,
  );
};

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw badRequest('bad_parameter', `${name} must be a whole number`, name, `/${name}`);
  return n;
}

function boolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw badRequest('bad_parameter', `${name} must be true or false`, name, `/${name}`);
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw badRequest('bad_parameter', `${name} must be a string`, name, `/${name}`);
}

const KNOWN = new Set(['filter', 'sort', 'limit', 'cursor', 'fields', 'expand', 'count']);

/** `source` holds strings (query string) or JSON values (body); `filterIsJson` says the filter is JSON text. */
export function listOptions(source: Record<string, unknown>, filterIsJson: boolean): PageOptions {
  refuseUnknown(source, KNOWN);
  let filter = source.filter;
  if (filterIsJson && filter !== undefined) {
    try {
      filter = JSON.parse(filter as string);
    } catch {
      throw badRequest('bad_parameter', 'filter must be URL-encoded JSON', 'filter', '/filter');
    }
  }
  const options: PageOptions = {};
  if (filter !== undefined) options.filter = filter;
  const sort = text(source.sort, 'sort');
  const limit = integer(source.limit, 'limit');
  const cursor = text(source.cursor, 'cursor');
  const fields = list(source.fields, 'fields');
  const expand = list(source.expand, 'expand');
  const count = boolean(source.count, 'count');
  return {
    ...options,
    ...(sort !== undefined ? { sort } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
    ...(fields !== undefined ? { fields } : {}),
    ...(expand !== undefined ? { expand } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}
