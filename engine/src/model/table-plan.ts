/**
 * The table an object lives in, for one dialect: columns, indexes and foreign keys. The migrator creates
 * tables from it and the SQLite rebuild copies into it, so it is the single description of the physical shape.
 */
import type { ColumnType, DialectName } from '../storage/column-type.js';

export interface ColumnPlan {
  name: string;
  /** The field's stable id, or the system field name. */
  fieldId: string;
  type: ColumnType;
  nullable: boolean;
  primaryKey?: boolean;
  /** Already encoded for the dialect. */
  default?: unknown;
}

export interface IndexPlan {
  name: string;
  column: string;
  unique: boolean;
}

export interface ForeignKeyPlan {
  name: string;
  column: string;
  targetTable: string;
  onDelete: 'restrict' | 'set null' | 'cascade';
}

export interface TablePlan {
  dialect: DialectName;
  name: string;
  columns: ColumnPlan[];
  indexes: IndexPlan[];
  foreignKeys: ForeignKeyPlan[];
}

/** Stable ids are UUIDs or API names; index and constraint names must stay short and free of dashes. */
export const compactId = (id: string) => id.replaceAll('-', '').slice(0, 40);
export const uniqueIndexName = (fieldId: string) => `tx_ux_${compactId(fieldId)}`;
export const plainIndexName = (fieldId: string) => `tx_ix_${compactId(fieldId)}`;
export const ownerIndexName = (objectId: string) => `tx_ix_${compactId(objectId)}_owner`;
export const createdIndexName = (objectId: string) => `tx_ix_${compactId(objectId)}_created`;
export const foreignKeyName = (fieldId: string) => `tx_fk_${compactId(fieldId)}`;
