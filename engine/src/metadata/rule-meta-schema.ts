/** Published meta-schema of validation rule documents. */
import { LOCALIZED_TEXT } from './localized-text.js';
import { DRAFT_2020_12 } from './meta-schema.js';
import { API_NAME_PATTERN } from './names.js';
import type { JsonSchema } from './types.js';

export const VALIDATION_RULE_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/validation-rule.schema.json';

export function buildValidationRuleMetaSchema(): JsonSchema {
  const apiName = { type: 'string', pattern: API_NAME_PATTERN };
  return {
    $schema: DRAFT_2020_12,
    $id: VALIDATION_RULE_META_SCHEMA_ID,
    title: 'Tessera validation rule',
    description: 'A formula that must be false for every record written; the message says what is wrong.',
    type: 'object',
    properties: {
      kind: { const: 'validation_rule' },
      apiName,
      object: apiName,
      formula: { type: 'string', minLength: 1, maxLength: 5000 },
      message: LOCALIZED_TEXT,
      field: apiName,
      active: { type: 'boolean' },
      description: LOCALIZED_TEXT,
    },
    required: ['kind', 'apiName', 'object', 'formula', 'message'],
    additionalProperties: false,
  };
}
