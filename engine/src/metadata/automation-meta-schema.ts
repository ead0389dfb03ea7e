/**
 * Published meta-schema of automation documents: an object, a trigger (a write of a record, a cron schedule, or
 * a time relative to a date field of each record) and the ordered actions it runs. The shape only: that names,
 * formulas, schedules and paths mean something is checked by validate-automation-documents.ts.
 */
import { LOCALIZED_TEXT } from './localized-text.js';
import { DRAFT_2020_12 } from './meta-schema.js';
import { API_NAME_PATTERN } from './names.js';
import type { JsonSchema } from './types.js';

export const AUTOMATION_META_SCHEMA_ID = 'https://tessera.dev/schemas/v1/automation.schema.json';

/** Automations are written by people: generous, but bounded, so one run cannot grow without end. */
export const AUTOMATION_LIMITS = {
  actions: 20,
  set: 50,
  recipients: 20,
  changedFields: 50,
  formula: 5000,
  message: 2000,
  url: 2000,
  secret: { min: 16, max: 256 },
} as const;

/** Record triggers: what writes of records run the automation. */
export const RECORD_EVENTS = ['create', 'update', 'delete'] as const;

/** The action types, in the order the documentation lists them. */
export const AUTOMATION_ACTION_TYPES = [
  'update_record',
  'create_record',
  'assign',
  'notify',
  'webhook',
] as const;
export type AutomationActionType = (typeof AUTOMATION_ACTION_TYPES)[number];

const apiName = { type: 'string', pattern: API_NAME_PATTERN };
/** A field, or lookups followed to one: `asset.customer_id.owner_id` (at most five lookups away). */
const fieldPath = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62}){0,5}$' };
const formula = { type: 'string', minLength: 1, maxLength: AUTOMATION_LIMITS.formula };
const textOf = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const text = (maxLength: number) => ({ ...LOCALIZED_TEXT, additionalProperties: textOf(maxLength) });
/** English is the text every reader falls back to, so a message always has it. */
const message = {
  ...text(AUTOMATION_LIMITS.message),
  properties: { en: textOf(AUTOMATION_LIMITS.message) },
  required: ['en'],
};

const recordTrigger = {
  type: 'object',
  properties: {
    on: {
      type: 'array',
      items: { enum: [...RECORD_EVENTS] },
      minItems: 1,
      uniqueItems: true,
      description: 'The writes that run it.',
    },
    when: { ...formula, description: 'A true/false formula; may use ISNEW(), ISCHANGED(f), PRIORVALUE(f).' },
    changedFields: {
      type: 'array',
      items: apiName,
      minItems: 1,
      maxItems: AUTOMATION_LIMITS.changedFields,
      uniqueItems: true,
      description: 'Only updates that change one of these fields.',
    },
  },
  required: ['on'],
  additionalProperties: false,
};

const scheduleTrigger = {
  type: 'object',
  properties: {
    schedule: {
      type: 'object',
      properties: {
        cron: {
          type: 'string',
          minLength: 1,
          maxLength: 100,
          description: 'Five fields: minute hour day-of-month month day-of-week (or @daily, @weekly …).',
        },
        timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA zone: Asia/Shanghai.' },
      },
      required: ['cron', 'timeZone'],
      additionalProperties: false,
    },
    filter: { type: 'object', description: 'The records it runs for, as the data API filters.' },
  },
  required: ['schedule'],
  additionalProperties: false,
};

const relativeTrigger = {
  type: 'object',
  properties: {
    relative: {
      type: 'object',
      properties: {
        field: apiName,
        offset: {
          type: 'string',
          minLength: 1,
          maxLength: 40,
          description: 'ISO 8601 duration, negative for before: -PT2H.',
        },
      },
      required: ['field', 'offset'],
      additionalProperties: false,
    },
    when: formula,
  },
  required: ['relative'],
  additionalProperties: false,
};

/** The trigger's kind is the key it has: `schedule`, `relative`, or else a record trigger (`on`). */
const trigger = {
  type: 'object',
  if: { type: 'object', required: ['schedule'], properties: { schedule: {} } },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
  then: scheduleTrigger,
  else: {
    if: { type: 'object', required: ['relative'], properties: { relative: {} } },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
    then: relativeTrigger,
    else: recordTrigger,
  },
};

/** A value set: a literal `value` or a `formula` over the triggering record (exactly one: checked with meaning). */
const set = {
  type: 'array',
  minItems: 1,
  maxItems: AUTOMATION_LIMITS.set,
  items: {
    type: 'object',
    properties: { field: apiName, value: {}, formula },
    required: ['field'],
    additionalProperties: false,
  },
};

const recipient = {
  type: 'object',
  properties: {
    owner: { const: true },
    user: { type: 'string', format: 'email', description: 'A user by e-mail address.' },
    role: apiName,
    field: { ...fieldPath, description: 'A field of the record holding a user, or a lookup path to one.' },
  },
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
};

const ACTIONS: Record<AutomationActionType, { properties: JsonSchema; required: string[] }> = {
  update_record: {
    properties: { path: { ...fieldPath, description: 'Lookups to the record to change (its parent).' }, set },
    required: ['set'],
  },
  create_record: { properties: { object: apiName, set }, required: ['object', 'set'] },
  assign: {
    properties: {
      field: { ...fieldPath, description: 'The owner from a user field, or a lookup path to one.' },
      roundRobin: {
        type: 'object',
        properties: { role: apiName },
        required: ['role'],
        additionalProperties: false,
      },
    },
    required: [],
  },
  notify: {
    properties: {
      to: { type: 'array', minItems: 1, maxItems: AUTOMATION_LIMITS.recipients, items: recipient },
      message,
      title: text(200),
    },
    required: ['to', 'message'],
  },
  webhook: {
    properties: {
      url: { type: 'string', format: 'uri', maxLength: AUTOMATION_LIMITS.url },
      secret: {
        type: 'string',
        minLength: AUTOMATION_LIMITS.secret.min,
        maxLength: AUTOMATION_LIMITS.secret.max,
      },
    },
    required: ['url', 'secret'],
  },
};

const action = {
  type: 'object',
  properties: { type: { enum: [...AUTOMATION_ACTION_TYPES] } },
  required: ['type'],
  allOf: AUTOMATION_ACTION_TYPES.map((type) => ({
    if: { type: 'object', required: ['type'], properties: { type: { const: type } } },
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
    then: {
      type: 'object',
      properties: { type: { const: type }, ...ACTIONS[type].properties },
      required: ['type', ...ACTIONS[type].required],
      additionalProperties: false,
    },
  })),
};

export function buildAutomationMetaSchema(): JsonSchema {
  return {
    $schema: DRAFT_2020_12,
    $id: AUTOMATION_META_SCHEMA_ID,
    title: 'Tessera automation',
    description:
      "What happens when an object's records are written, on a schedule, or at a time relative to a date of each record: its ordered actions update or create records, assign the owner, notify users or call a webhook.",
    type: 'object',
    properties: {
      kind: { const: 'automation' },
      apiName,
      label: LOCALIZED_TEXT,
      description: LOCALIZED_TEXT,
      object: apiName,
      active: { type: 'boolean' },
      trigger,
      actions: { type: 'array', minItems: 1, maxItems: AUTOMATION_LIMITS.actions, items: action },
    },
    required: ['kind', 'apiName', 'label', 'object', 'active', 'trigger', 'actions'],
    additionalProperties: false,
  };
}
