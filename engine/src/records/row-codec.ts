/**
 * Between API records and table rows for one object on one dialect. Built once per compiled object and
 * dialect (cached by the model), so a read or write never looks a codec up by name.
 */
import type { CompiledObject } from '../model/compiled-model.js';
import { SYSTEM_FIELD_ENTRIES } from '../model/system-fields.js';
import type { ColumnType, DialectName } from '../storage/column-type.js';
import { getOrCreate } from '../util/get-or-create.js';

type Entry = readonly [name: string, column: ColumnType];

export interface RowCodec {
  /** Stored columns (system fields first), in table order. */
  columns: readonly string[];
  encode(values: Record<string, unknown>): Record<string, unknown>;
  /** Appends a complete record's encoded values to `out`, one per column, in column order. */
  encodeInto(record: Record<string, unknown>, out: unknown[]): void;
  /** A complete record from system values and field values: every field present, null where absent. */
  complete(system: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown>;
  decode(row: Record<string, unknown>, fields?: readonly string[]): Record<string, unknown>;
  /** Names of fields that have no column (computed when read). */
  computed: readonly string[];
  column(name: string): ColumnType | undefined;
}

const cache = new WeakMap<CompiledObject, Map<DialectName, RowCodec>>();

export function rowCodec(object: CompiledObject, dialect: DialectName): RowCodec {
  const byDialect = getOrCreate(cache, object, () => new Map<DialectName, RowCodec>());
  return getOrCreate(byDialect, dialect, () => buildCodec(object, dialect));
}

function buildCodec(object: CompiledObject, dialect: DialectName): RowCodec {
  const entries: Entry[] = [
    ...SYSTEM_FIELD_ENTRIES.map(([name, f]) => [name, f.column[dialect]] as const),
    ...[...object.fields.values()].flatMap((f) => (f.columns ? [[f.name, f.columns[dialect]] as const] : [])),
  ];
  const byName = new Map(entries);
  const computed = [...object.fields.values()].filter((f) => !f.columns).map((f) => f.name);
  const systemFields = SYSTEM_FIELD_ENTRIES.map(([name]) => name);
  const fieldNames = [...object.fields.keys()];
  return {
    columns: entries.map(([name]) => name),
    computed,
    column: (name) => byName.get(name),
    encode(values) {
      const row: Record<string, unknown> = {};
      for (const key in values) {
        const value = values[key];
        const column = byName.get(key);
        if (column) row[key] = value === null || value === undefined ? null : column.encode(value);
      }
      return row;
    },
    encodeInto(record, out) {
      for (const [name, column] of entries) {
        const value = record[name];
        out.push(value === null || value === undefined ? null : column.encode(value));
      }
    },
    complete(system, values) {
      const record: Record<string, unknown> = {};
      for (const name of systemFields) record[name] = system[name] ?? null;
      for (const name of fieldNames) record[name] = values[name] ?? null;
      return record;
    },
    decode(row, fields) {
      const record: Record<string, unknown> = {};
      if (fields) {
        for (const name of fields) {
          const column = byName.get(name);
          const value = row[name];
          record[name] = column
            ? value === null || value === undefined
              ? null
              : column.decode(value)
            : null;
        }
        return record;
      }
      for (const [name, column] of entries) {
        const value = row[name];
        record[name] = value === null || value === undefined ? null : column.decode(value);
      }
      // Computed fields are evaluated by the formula engine; until then they read as null.
      for (const name of computed) record[name] = null;
      return record;
    },
  };
}
