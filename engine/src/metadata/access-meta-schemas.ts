/**
 * Published meta-schemas of the access documents: roles (the hierarchy) and permission sets (object, field
 * and system permissions). Templates ship both, so they are metadata, validated like object documents.
 */
import { LOCALIZED_TEXT } from './localized-text.js';
import { DRAFT_2020_12 } from './meta-schema.js';
import { API_NAME_PATTERN } from './names.js';
import { type JsonSchema, OBJECT_PERMISSIONS, SYSTEM_PERMISSIONS } from './types.js';

export const ROLE_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/role.schema.json';
export const PERMISSION_SET_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/permission-set.schema.json';

const API_NAME = { type: 'string', pattern: API_NAME_PATTERN };
const flags = (names: readonly string[]) => ({
  type: 'object',
  properties: Object.fromEntries(names.map((n) => [n, { type: 'boolean' }])),
  additionalProperties: false,
});

export function buildRoleMetaSchema(): JsonSchema {
  return {
    $schema: DRAFT_2020_12,
    $id: ROLE_META_SCHEMA_ID,
    title: 'Tessera role',
    description:
      'A place in the role hierarchy; users in a role reach the records of users in roles below it.',
    type: 'object',
    properties: {
      kind: { const: 'role' },
      apiName: API_NAME,
      label: LOCALIZED_TEXT,
      description: LOCALIZED_TEXT,
      parent: API_NAME,
    },
    required: ['kind', 'apiName'],
    additionalProperties: false,
  };
}

export function buildPermissionSetMetaSchema(): JsonSchema {
  return {
    $schema: DRAFT_2020_12,
    $id: PERMISSION_SET_META_SCHEMA_ID,
    title: 'Tessera permission set',
    description: 'Object, field and system permissions; a user has the sum of the sets given to them.',
    type: 'object',
    properties: {
      kind: { const: 'permission_set' },
      apiName: API_NAME,
      label: LOCALIZED_TEXT,
      description: LOCALIZED_TEXT,
      objects: {
        type: 'object',
        propertyNames: { pattern: API_NAME_PATTERN },
        additionalProperties: flags(OBJECT_PERMISSIONS),
      },
      fields: {
        type: 'object',
        propertyNames: { pattern: API_NAME_PATTERN },
        additionalProperties: {
          type: 'object',
          propertyNames: { pattern: API_NAME_PATTERN },
          additionalProperties: { enum: ['edit', 'read', 'none'] },
        },
      },
      system: flags(SYSTEM_PERMISSIONS),
    },
    required: ['kind', 'apiName'],
    additionalProperties: false,
  };
}
