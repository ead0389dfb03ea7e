/**
 * How one field's values live in a column of one dialect. Field types pick a column type per dialect; the
 * record codec and the migrator only ever talk to this shape.
 */
import { decimalString, fromScaledInteger, toScaledInteger } from '../util/decimal.js';

export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface ColumnType {
  /** The type as DDL writes it. */
  sql: string;
  /** Names the stored representation: two columns with the same key hold interchangeable values. */
  key: string;
  /** API value (never null) → driver parameter. */
  encode(value: unknown): unknown;
  /** Driver value (never null) → API value. */
  decode(value: unknown): unknown;
}

export type ColumnSpec = Record<DialectName, ColumnType>;

const identity = (v: unknown) => v;

export const plainColumn = (sql: string): ColumnType => ({
  sql,
  key: sql,
  encode: identity,
  decode: identity,
});

/** The same plain SQL type on both dialects (text, integer …). */
export const sameOnBoth = (sqlite: string, postgres = sqlite): ColumnSpec => ({
  sqlite: plainColumn(sqlite),
  postgres: plainColumn(postgres),
});

/** SQLite has no boolean: 0/1 integers, decoded back to booleans. */
export const sqliteBoolean: ColumnType = {
  sql: 'integer',
  key: 'boolean01',
  encode: (v) => (v ? 1 : 0),
  decode: (v) => v === 1 || v === 1n,
};

/** Arrays and objects: JSON text on SQLite, jsonb on PostgreSQL (passed as text so pg never turns arrays into PG arrays). */
export const jsonColumns: ColumnSpec = {
  sqlite: {
    sql: 'text',
    key: 'json',
    encode: (v) => JSON.stringify(v),
    decode: (v) => JSON.parse(v as string),
  },
  postgres: { sql: 'jsonb', key: 'jsonb', encode: (v) => JSON.stringify(v), decode: identity },
};

/**
 * Exact decimals. PostgreSQL: `numeric`, parameters and results as decimal strings. SQLite has no decimal
 * type, so the value is kept as an integer count of 10^-scale units: exact, sortable, and summed exactly by SQL.
 */
export function decimalColumns(scale: number): ColumnSpec {
  return {
    sqlite: {
      sql: 'integer',
      key: `scaled:${scale}`,
      encode: (v) => toScaledInteger(v as number, scale),
      decode: (v) => fromScaledInteger(v as number, scale),
    },
    postgres: {
      sql: 'numeric',
      key: 'numeric',
      encode: (v) => decimalString(v as number),
      decode: (v) => Number(v),
    },
  };
}

/** `2026-03-31T08:00:00.000Z`: what `toISOString` makes, so values already in this form need no parsing. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const canonicalInstant = (v: unknown) =>
  typeof v === 'string' && CANONICAL_INSTANT.test(v) ? v : new Date(v as string).toISOString();

/** Instants: ISO 8601 UTC text with milliseconds on SQLite (so text order is time order), timestamptz on PostgreSQL. */
export const instantColumns: ColumnSpec = {
  sqlite: {
    sql: 'text',
    key: 'instant',
    encode: canonicalInstant,
    decode: identity,
  },
  postgres: {
    sql: 'timestamptz',
    key: 'timestamptz',
    encode: canonicalInstant,
    decode: (v) => (v instanceof Date ? v.toISOString() : new Date(v as string).toISOString()),
  },
};

/** Record ids (UUIDv7): text on SQLite, the native uuid type on PostgreSQL. */
export const uuidColumns: ColumnSpec = { sqlite: plainColumn('text'), postgres: plainColumn('uuid') };
