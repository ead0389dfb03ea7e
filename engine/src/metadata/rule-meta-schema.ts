/** Published meta-schemas of the rule documents: validation rules and duplicate rules. */
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

export const DUPLICATE_RULE_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/duplicate-rule.schema.json';

export function buildDuplicateRuleMetaSchema(): JsonSchema {
  const apiName = { type: 'string', pattern: API_NAME_PATTERN };
  return {
    $schema: DRAFT_2020_12,
    $id: DUPLICATE_RULE_META_SCHEMA_ID,
    title: 'Tessera duplicate rule',
    description: 'Fields on which two records of an object count as the same; block the second one, or warn.',
    type: 'object',
    properties: {
      kind: { const: 'duplicate_rule' },
      apiName,
      object: apiName,
      fields: { type: 'array', items: apiName, minItems: 1, maxItems: 5, uniqueItems: true },
      action: { enum: ['block', 'warn'] },
      message: LOCALIZED_TEXT,
      active: { type: 'boolean' },
      description: LOCALIZED_TEXT,
    },
    required: ['kind', 'apiName', 'object', 'fields', 'action', 'message'],
    additionalProperties: false,
  };
}
