/** Published meta-schemas of the documents that say how records are shown: layouts and list views. */
import { LOCALIZED_TEXT } from './localized-text.js';
import { DRAFT_2020_12 } from './meta-schema.js';
import { API_NAME_PATTERN } from './names.js';
import type { JsonSchema } from './types.js';

const apiName = { type: 'string', pattern: API_NAME_PATTERN };
const apiNames = { type: 'array', items: apiName, uniqueItems: true };

/** Layouts are made by people in a designer: generous, but bounded, so no document can grow without end. */
export const LAYOUT_LIMITS = {
  sections: 50,
  items: 200,
  relatedLists: 20,
  columns: 3,
  highlights: 8,
} as const;
export const LIST_VIEW_LIMITS = { columns: 50, pageSize: 500, width: { min: 40, max: 2000 } } as const;

export const LAYOUT_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/layout.schema.json';

export function buildLayoutMetaSchema(): JsonSchema {
  return {
    $schema: DRAFT_2020_12,
    $id: LAYOUT_META_SCHEMA_ID,
    title: 'Tessera layout',
    description:
      "How an object's record page and form are laid out: sections of 1 to 3 columns of fields, and related lists. The first layout whose roles and record types match is used; one with neither is the default.",
    type: 'object',
    properties: {
      kind: { const: 'layout' },
      apiName,
      object: apiName,
      label: LOCALIZED_TEXT,
      roles: apiNames,
      recordTypes: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      sections: {
        type: 'array',
        minItems: 1,
        maxItems: LAYOUT_LIMITS.sections,
        items: {
          type: 'object',
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' },
            label: LOCALIZED_TEXT,
            columns: { type: 'integer', minimum: 1, maximum: LAYOUT_LIMITS.columns },
            items: {
              type: 'array',
              maxItems: LAYOUT_LIMITS.items,
              items: {
                type: 'object',
                properties: {
                  field: apiName,
                  column: { type: 'integer', minimum: 1, maximum: LAYOUT_LIMITS.columns },
                  required: { type: 'boolean' },
                  readOnly: { type: 'boolean' },
                },
                required: ['field'],
                additionalProperties: false,
              },
            },
          },
          required: ['id', 'columns', 'items'],
          additionalProperties: false,
        },
      },
      relatedLists: {
        type: 'array',
        maxItems: LAYOUT_LIMITS.relatedLists,
        items: {
          type: 'object',
          properties: {
            object: apiName,
            field: apiName,
            columns: { ...apiNames, maxItems: LIST_VIEW_LIMITS.columns },
            label: LOCALIZED_TEXT,
          },
          required: ['object', 'field'],
          additionalProperties: false,
        },
      },
      highlights: {
        ...apiNames,
        maxItems: LAYOUT_LIMITS.highlights,
        description:
          "The key fields shown in the record page's header, in order; without it, the first fields of the first section.",
      },
    },
    required: ['kind', 'apiName', 'object', 'sections'],
    additionalProperties: false,
  };
}

export const LIST_VIEW_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/list-view.schema.json';

export function buildListViewMetaSchema(): JsonSchema {
  return {
    $schema: DRAFT_2020_12,
    $id: LIST_VIEW_META_SCHEMA_ID,
    title: 'Tessera list view',
    description:
      "A saved list of an object's records: its columns (width, pinned), a filter and sort as the data API takes them, a page size, and whether it shows as a table, a board by a picklist or a calendar by a date.",
    type: 'object',
    properties: {
      kind: { const: 'list_view' },
      apiName,
      object: apiName,
      label: LOCALIZED_TEXT,
      columns: {
        type: 'array',
        minItems: 1,
        maxItems: LIST_VIEW_LIMITS.columns,
        items: {
          type: 'object',
          properties: {
            field: apiName,
            width: {
              type: 'integer',
              minimum: LIST_VIEW_LIMITS.width.min,
              maximum: LIST_VIEW_LIMITS.width.max,
            },
            pinned: { type: 'boolean' },
          },
          required: ['field'],
          additionalProperties: false,
        },
      },
      filter: { type: 'object' },
      sort: { type: 'string', pattern: '^-?[a-z][a-z0-9_]*(,-?[a-z][a-z0-9_]*)*$' },
      pageSize: { type: 'integer', minimum: 1, maximum: LIST_VIEW_LIMITS.pageSize },
      display: { enum: ['table', 'board', 'calendar'] },
      board: {
        type: 'object',
        properties: { groupBy: apiName },
        required: ['groupBy'],
        additionalProperties: false,
      },
      calendar: {
        type: 'object',
        properties: { field: apiName },
        required: ['field'],
        additionalProperties: false,
      },
    },
    required: ['kind', 'apiName', 'object', 'label', 'columns'],
    additionalProperties: false,
  };
}
