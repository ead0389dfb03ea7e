/**
 * The published meta-schema (JSON Schema draft 2020-12) of object documents, built from the field registry so
 * that every field type's keywords and options are described in one place: the type's own file.
 */

import type { FieldTypeDef } from '../fields/field-type-def.js';
import { FIELD_TYPES } from '../fields/field-types.js';
import { FIELD_TYPE_DEFS } from '../fields/registry.js';
import { LOCALIZED_TEXT } from './localized-text.js';
import { API_NAME_PATTERN } from './names.js';
import { type JsonSchema, SHARING_MODELS } from './types.js';

export const OBJECT_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/object.schema.json';
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const STABLE_ID = { type: 'string', pattern: '^[0-9a-zA-Z_-]{1,64}$' };

/** Annotations every property may carry whatever its type. */
const ANNOTATIONS: Record<string, JsonSchema> = {
  title: { type: 'string' },
  description: { type: 'string' },
  $comment: { type: 'string' },
  default: {},
  examples: { type: 'array' },
  readOnly: { type: 'boolean' },
  deprecated: { type: 'boolean' },
};

function fieldSchema(def: FieldTypeDef): JsonSchema {
  const options: Record<string, JsonSchema> = {
    id: STABLE_ID,
    field: { const: def.type },
    label: LOCALIZED_TEXT,
    description: LOCALIZED_TEXT,
    helpText: LOCALIZED_TEXT,
    ...(def.generated ? {} : { defaultFormula: { type: 'string', minLength: 1, maxLength: 3900 } }),
    ...(def.uniqueAllowed ? { unique: { type: 'boolean' } } : {}),
    ...(def.searchable ? { searchable: { type: 'boolean' } } : {}),
    ...def.options,
  };
  return {
    title: `${def.type} field`,
    type: 'object',
    properties: {
      type: def.declaredTypes.length === 1 ? { const: def.declaredTypes[0] } : { enum: def.declaredTypes },
      ...ANNOTATIONS,
      ...def.keywords,
      'x-tessera': {
        type: 'object',
        properties: options,
        required: ['field', ...(def.requiredOptions ?? [])],
        additionalProperties: false,
      },
    },
    required: ['type', 'x-tessera', ...(def.requiredKeywords ?? [])],
    additionalProperties: false,
  };
}

export const fieldDefRef = (type: string) => `#/$defs/field_${type}`;

export function buildObjectMetaSchema(): JsonSchema {
  const fieldDefs = Object.fromEntries(
    Object.values(FIELD_TYPE_DEFS).map((def) => [`field_${def.type}`, fieldSchema(def)]),
  );
  return {
    $schema: DRAFT_2020_12,
    $id: OBJECT_META_SCHEMA_ID,
    title: 'Tessera object definition',
    description: 'A JSON Schema for one record, with platform meaning under x-tessera.',
    type: 'object',
    properties: {
      $schema: { const: DRAFT_2020_12 },
      $id: { type: 'string', pattern: '^tessera:object/[a-z][a-z0-9_]{0,62}$' },
      title: { type: 'string' },
      description: { type: 'string' },
      $comment: { type: 'string' },
      type: { const: 'object' },
      'x-tessera': {
        type: 'object',
        properties: {
          id: STABLE_ID,
          apiName: { type: 'string', pattern: API_NAME_PATTERN },
          label: LOCALIZED_TEXT,
          pluralLabel: LOCALIZED_TEXT,
          description: LOCALIZED_TEXT,
          nameField: { type: 'string' },
          trackHistory: { type: 'boolean' },
          sharing: { enum: [...SHARING_MODELS] },
          recordTypeField: { type: 'string', pattern: API_NAME_PATTERN },
        },
        required: ['apiName', 'nameField'],
        additionalProperties: false,
      },
      properties: {
        type: 'object',
        minProperties: 1,
        propertyNames: { pattern: API_NAME_PATTERN },
        additionalProperties: { $ref: '#/$defs/property' },
      },
      required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    },
    required: ['type', 'x-tessera', 'properties'],
    additionalProperties: false,
    $defs: {
      property: {
        type: 'object',
        properties: {
          'x-tessera': {
            type: 'object',
            properties: { field: { enum: [...FIELD_TYPES] } },
            required: ['field'],
          },
        },
        required: ['x-tessera'],
        allOf: FIELD_TYPES.map((type) => ({
          if: {
            type: 'object',
            required: ['x-tessera'],
            properties: {
              'x-tessera': { type: 'object', required: ['field'], properties: { field: { const: type } } },
            },
          },
          // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
          then: { $ref: fieldDefRef(type) },
        })),
      },
      ...fieldDefs,
    },
  };
}
