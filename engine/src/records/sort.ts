/** `sort=-created_at,name`: checked against the object's sortable fields; `id` always ends it so order is total. */
import { TesseraError } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { queryFields } from './query-fields.js';

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export const MAX_SORT_KEYS = 5;

export function parseSort(object: CompiledObject, sort: string | readonly SortKey[] | undefined): SortKey[] {
  const fields = queryFields(object);
  const keys: SortKey[] =
    typeof sort === 'string'
      ? sort
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) =>
            s.startsWith('-') ? { field: s.slice(1), direction: 'desc' } : { field: s, direction: 'asc' },
          )
      : [...(sort ?? [])];
  if (keys.length > MAX_SORT_KEYS)
    throw new TesseraError('invalid_query', `sort by at most ${MAX_SORT_KEYS} fields`, [
      { pointer: '/sort', code: 'too_many_sort_keys', message: `at most ${MAX_SORT_KEYS} fields` },
    ]);
  for (const key of keys) {
    const f = fields.get(key.field);
    // A formula computed when read (it reads another object, or the time) exists, but has no value to sort by.
    const known = f ?? (object.fields.get(key.field)?.type === 'formula' ? key : undefined);
    if (!f?.sortable)
      throw new TesseraError('invalid_query', `cannot sort by "${key.field}"`, [
        {
          pointer: '/sort',
          code: known ? 'not_sortable' : 'unknown_field',
          message: known
            ? `"${key.field}" cannot be sorted on${f ? '' : ': it is a formula computed when read (it reads another object, or TODAY or NOW)'}`
            : `"${key.field}" is not a field of ${object.apiName}`,
        },
      ]);
  }
  if (!keys.some((k) => k.field === 'id'))
    keys.push({ field: 'id', direction: keys.at(-1)?.direction ?? 'asc' });
  return keys;
}
