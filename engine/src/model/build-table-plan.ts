/** Builds an object's table plan for one dialect from its compiled fields. */
import type { DialectName } from '../storage/column-type.js';
import type { CompiledObject } from './compiled-model.js';
import { SYSTEM_FIELD_ENTRIES } from './system-fields.js';
import {
  type ColumnPlan,
  createdIndexName,
  type ForeignKeyPlan,
  foreignKeyName,
  type IndexPlan,
  ownerIndexName,
  plainIndexName,
  type TablePlan,
  uniqueIndexName,
} from './table-plan.js';

const ON_DELETE = { restrict: 'restrict', setNull: 'set null', cascade: 'cascade' } as const;

/**
 * Every table's own indexes: owner_id, because record sharing reaches records by their owner (every list of
 * a non-admin filters on it), and created_at, because "newest first" is how most lists are read.
 */
export const systemIndexes = (objectId: string): IndexPlan[] => [
  { name: ownerIndexName(objectId), column: 'owner_id', unique: false },
  { name: createdIndexName(objectId), column: 'created_at', unique: false },
];

export function buildTablePlan(object: CompiledObject, dialect: DialectName): TablePlan {
  const columns: ColumnPlan[] = SYSTEM_FIELD_ENTRIES.map(([name, f]) => ({
    name,
    fieldId: name,
    type: f.column[dialect],
    nullable: f.nullable,
    ...(name === 'id' ? { primaryKey: true } : {}),
  }));
  const indexes: IndexPlan[] = systemIndexes(object.id);
  const foreignKeys: ForeignKeyPlan[] = [];
  for (const field of object.fields.values()) {
    if (!field.columns) continue;
    const type = field.columns[dialect];
    const column: ColumnPlan = { name: field.name, fieldId: field.id, type, nullable: true };
    if (field.writable && field.prop.default !== undefined && field.prop.default !== null)
      column.default = type.encode(field.prop.default);
    columns.push(column);
    if (field.unique) indexes.push({ name: uniqueIndexName(field.id), column: field.name, unique: true });
    const { reference } = field;
    if (reference) {
      if (!field.unique) indexes.push({ name: plainIndexName(field.id), column: field.name, unique: false });
      foreignKeys.push({
        name: foreignKeyName(field.id),
        column: field.name,
        targetTable: reference.table,
        onDelete: ON_DELETE[reference.onDelete],
      });
    }
  }
  return { dialect, name: object.apiName, columns, indexes, foreignKeys };
}
