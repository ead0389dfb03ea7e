/**
 * Keyset pagination. A cursor carries the sort keys and the last row's values for them; the next page is
 * "rows after these values in this order", so inserts and deletes between pages never skip or repeat a row
 * (an offset would). The cursor is opaque to clients (base64url JSON) and checked like any input: its values
 * are API values, each checked against its field as a filter value is before it is encoded for the database.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { TesseraError } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { queryFields, valueFits } from './query-fields.js';
import type { RowCodec } from './row-codec.js';
import type { SortKey } from './sort.js';

interface CursorContent {
  /** The sort it was made for: a cursor is only valid with the same sort. */
  s: string;
  /** The last row's values of the sort keys, as the API gives them. */
  v: unknown[];
}

const sortSignature = (keys: readonly SortKey[]) =>
  keys.map((k) => `${k.direction === 'desc' ? '-' : ''}${k.field}`).join(',');

export function encodeCursor(
  keys: readonly SortKey[],
  row: Record<string, unknown>,
  codec: RowCodec,
): string {
  const values = keys.map((k) => {
    const raw = row[k.field];
    return raw === null || raw === undefined ? null : (codec.column(k.field)?.decode(raw) ?? raw);
  });
  const content: CursorContent = { s: sortSignature(keys), v: values };
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

const badCursor = (message: string) =>
  new TesseraError('invalid_query', `invalid cursor: ${message}`, [
    { pointer: '/cursor', code: 'bad_cursor', message },
  ]);

function decodeCursor(
  cursor: string,
  keys: readonly SortKey[],
  object: CompiledObject,
  codec: RowCodec,
): unknown[] {
  let content: CursorContent;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('it is not a cursor this API made');
  }
  if (
    typeof content !== 'object' ||
    content === null ||
    !Array.isArray(content.v) ||
    content.v.length !== keys.length
  )
    throw badCursor('it is not a cursor this API made');
  if (content.s !== sortSignature(keys))
    throw badCursor('it was made for another sort order; start again without it');
  // A forged cursor must not bring a value of another type into SQL (SQLite cannot bind a boolean,
  // PostgreSQL refuses text where it compares a number).
  const fields = queryFields(object);
  return content.v.map((value, i) => {
    if (value === null) return null;
    const field = (keys[i] as SortKey).field;
    const query = fields.get(field);
    if (!query || !valueFits(query, value)) throw badCursor('it is not a cursor this API made');
    const column = codec.column(field);
    return column ? column.encode(value) : value;
  });
}

// biome-ignore lint/suspicious/noExplicitAny: rows of a table known only from metadata.
type Eb = ExpressionBuilder<any, any>;

/**
 * Rows strictly after the cursor in the sort order, where empty values count as the largest: (k1 after v1)
 * or (k1 = v1 and k2 after v2) … The last key is always `id`, which is never empty, so the order is total.
 */
export function afterCursor(
  cursor: string,
  keys: readonly SortKey[],
  object: CompiledObject,
  codec: RowCodec,
) {
  const values = decodeCursor(cursor, keys, object, codec);
  return (eb: Eb): Expression<SqlBool> => {
    const same = (field: string, v: unknown) => (v === null ? eb(field, 'is', null) : eb(field, '=', v));
    const after = (key: SortKey, v: unknown): Expression<SqlBool> => {
      if (key.direction === 'asc')
        return v === null ? sql<SqlBool>`1 = 0` : eb.or([eb(key.field, '>', v), eb(key.field, 'is', null)]);
      return v === null ? eb(key.field, 'is not', null) : eb(key.field, '<', v);
    };
    return eb.or(
      keys.map((key, i) =>
        eb.and([...keys.slice(0, i).map((k, j) => same(k.field, values[j])), after(key, values[i])]),
      ),
    );
  };
}
