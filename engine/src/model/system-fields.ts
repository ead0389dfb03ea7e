/** The system fields every record has: their JSON Schema and their columns. */
import type { SYSTEM_FIELD_NAMES } from '../metadata/names.js';
import type { JsonSchema } from '../metadata/types.js';
import { type ColumnSpec, instantColumns, sameOnBoth, uuidColumns } from '../storage/column-type.js';

type SystemFieldName = (typeof SYSTEM_FIELD_NAMES)[number];

interface SystemField {
  schema: JsonSchema;
  column: ColumnSpec;
  nullable: boolean;
}

const uuid = { type: 'string', format: 'uuid', readOnly: true };
const instant = { type: 'string', format: 'date-time', readOnly: true };
const userRef = { type: ['string', 'null'], format: 'uuid', readOnly: true };

export const SYSTEM_FIELDS: Record<SystemFieldName, SystemField> = {
  id: { schema: { ...uuid, description: 'UUIDv7 record id' }, column: uuidColumns, nullable: false },
  created_at: { schema: instant, column: instantColumns, nullable: false },
  updated_at: { schema: instant, column: instantColumns, nullable: false },
  created_by: { schema: userRef, column: uuidColumns, nullable: true },
  updated_by: { schema: userRef, column: uuidColumns, nullable: true },
  owner_id: { schema: userRef, column: uuidColumns, nullable: true },
  version: {
    schema: {
      type: 'integer',
      minimum: 1,
      readOnly: true,
      description: 'Incremented on every write; the ETag',
    },
    column: sameOnBoth('integer'),
    nullable: false,
  },
};

export const SYSTEM_FIELD_ENTRIES = Object.entries(SYSTEM_FIELDS) as [SystemFieldName, SystemField][];

/** The system fields whose value is a workspace user's id: who made, last changed and owns the record. */
export const USER_SYSTEM_FIELDS: ReadonlySet<string> = new Set(
  SYSTEM_FIELD_ENTRIES.filter(([, f]) => f.schema === userRef).map(([name]) => name),
);
