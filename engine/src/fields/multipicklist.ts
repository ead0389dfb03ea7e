import type { PropertyDocument } from '../metadata/types.js';
import { jsonColumns } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';
import { checkOptions, ENUM_SCHEMA, OPTIONS_SCHEMA } from './picklist-options.js';

const itemsEnum = (prop: PropertyDocument) =>
  ((prop.items as { enum?: string[] } | undefined)?.enum ?? []) as string[];

/** Several values from a fixed list, kept in the order given, each at most once. */
export const multipicklist: FieldTypeDef = {
  type: 'multipicklist',
  jsonType: () => 'array',
  declaredTypes: ['array'],
  keywords: {
    items: {
      type: 'object',
      properties: { type: { const: 'string' }, enum: ENUM_SCHEMA },
      required: ['type', 'enum'],
      additionalProperties: false,
    },
    uniqueItems: { const: true },
    minItems: { type: 'integer', minimum: 0 },
    maxItems: { type: 'integer', minimum: 1 },
  },
  requiredKeywords: ['items'],
  options: { options: OPTIONS_SCHEMA, controllingField: { type: 'string' } },
  requiredOptions: ['options'],
  generated: false,
  uniqueAllowed: false,
  column: () => jsonColumns,
  valueSchema: (prop) => ({
    type: 'array',
    items: { type: 'string', enum: itemsEnum(prop) },
    uniqueItems: true,
    ...(prop.minItems !== undefined ? { minItems: prop.minItems } : {}),
    ...(prop.maxItems !== undefined ? { maxItems: prop.maxItems } : {}),
  }),
  fromText: (cell) => cell.split(';').map((v) => v.trim()),
  operators: ['contains', 'isNull'],
  check: (prop, ctx) => checkOptions(itemsEnum(prop), prop, ctx),
};
