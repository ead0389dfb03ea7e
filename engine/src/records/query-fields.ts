/** What a query may name: the object's stored fields plus the system fields, with the operators each allows. */

import { EQUALITY_OPERATORS, ORDERED_OPERATORS } from '../fields/field-type-def.js';
import type { FilterOperator } from '../fields/field-types.js';
import type { JsonSchema } from '../metadata/types.js';
import type { CompiledField, CompiledObject } from '../model/compiled-model.js';
import { SYSTEM_FIELD_ENTRIES } from '../model/system-fields.js';
import { validatorFor } from '../model/validator-cache.js';

export interface QueryField {
  name: string;
  operators: readonly FilterOperator[];
  /** Schema of one value to compare with. */
  valueSchema: JsonSchema;
  sortable: boolean;
  field?: CompiledField;
}

const SYSTEM_OPERATORS: Record<string, readonly FilterOperator[]> = {
  id: EQUALITY_OPERATORS.filter((o) => o !== 'isNull'),
  created_at: ORDERED_OPERATORS,
  updated_at: ORDERED_OPERATORS,
  created_by: EQUALITY_OPERATORS,
  updated_by: EQUALITY_OPERATORS,
  owner_id: EQUALITY_OPERATORS,
  version: ORDERED_OPERATORS,
};

const UNSORTABLE = new Set(['multipicklist', 'geolocation', 'json', 'richtext', 'textarea']);

const cache = new WeakMap<CompiledObject, Map<string, QueryField>>();

export function queryFields(object: CompiledObject): Map<string, QueryField> {
  let fields = cache.get(object);
  if (fields) return fields;
  fields = new Map();
  for (const [name, f] of SYSTEM_FIELD_ENTRIES) {
    const { readOnly: _, ...schema } = f.schema;
    const valueSchema = Array.isArray(schema.type) ? { ...schema, type: 'string' } : schema;
    fields.set(name, { name, operators: SYSTEM_OPERATORS[name] ?? [], valueSchema, sortable: true });
  }
  for (const f of object.fields.values()) {
    if (!f.columns) continue;
    fields.set(f.name, {
      name: f.name,
      operators: f.def.operatorsFor?.(f.prop) ?? f.def.operators,
      valueSchema: f.type === 'multipicklist' ? (f.valueSchema.items as JsonSchema) : f.valueSchema,
      sortable: !UNSORTABLE.has(f.type),
      field: f,
    });
  }
  cache.set(object, fields);
  return fields;
}

const validators = new WeakMap<QueryField, (value: unknown) => boolean>();

/** Whether a filter value fits the field; the validator is looked up once per field, not per value. */
export function valueFits(field: QueryField, value: unknown): boolean {
  let validate = validators.get(field);
  if (!validate) {
    validate = validatorFor(field.valueSchema);
    validators.set(field, validate);
  }
  return validate(value);
}
