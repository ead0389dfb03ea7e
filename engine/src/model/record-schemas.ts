/**
 * The JSON Schemas of an object's records, built from its document: the record as read (every field, system
 * fields included), the body of a create (writable fields, `required` enforced) and of an update (partial).
 * They are published as they are (OpenAPI components, TypeScript types) and compiled by ajv.
 */
import type { JsonSchema } from '../metadata/types.js';
import type { CompiledField } from './compiled-model.js';
import { SYSTEM_FIELD_ENTRIES } from './system-fields.js';

/** Absent and null both mean "no value"; `enum` must then admit null too. */
export function nullable(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
  return out;
}

const annotate = (f: CompiledField, schema: JsonSchema): JsonSchema => {
  const out: JsonSchema = { ...schema };
  if (f.prop.title !== undefined) out.title = f.prop.title;
  if (f.prop.description !== undefined) out.description = f.prop.description;
  if (f.prop.default !== undefined) out.default = f.prop.default;
  return out;
};

export interface RecordSchemas {
  record: JsonSchema;
  create: JsonSchema;
  update: JsonSchema;
}

export function buildRecordSchemas(title: string, fields: readonly CompiledField[]): RecordSchemas {
  const writable = fields.filter((f) => f.writable);
  // Writes may clear an optional field (null) but never a required one.
  const writeProps = () =>
    Object.fromEntries(
      writable.map((f) => [f.name, annotate(f, f.required ? f.valueSchema : nullable(f.valueSchema))]),
    );
  return {
    record: {
      title,
      type: 'object',
      properties: {
        ...Object.fromEntries(SYSTEM_FIELD_ENTRIES.map(([name, s]) => [name, s.schema])),
        // A required field always has a value: the migrator refuses to make a field required while any is empty.
        ...Object.fromEntries(
          fields.map((f) => [
            f.name,
            annotate(f, {
              ...(f.required ? f.valueSchema : nullable(f.valueSchema)),
              ...(f.writable ? {} : { readOnly: true }),
            }),
          ]),
        ),
      },
      required: [...SYSTEM_FIELD_ENTRIES.map(([name]) => name), ...fields.map((f) => f.name)],
      additionalProperties: false,
    },
    create: {
      title: `${title} (create)`,
      type: 'object',
      properties: writeProps(),
      required: writable.filter((f) => f.required && f.prop.default === undefined).map((f) => f.name),
      additionalProperties: false,
    },
    update: {
      title: `${title} (update)`,
      type: 'object',
      properties: writeProps(),
      additionalProperties: false,
    },
  };
}
