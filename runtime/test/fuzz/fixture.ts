/**
 * The fuzz test's workspace: a widget with a field of every type, the account it links to, parts under it, and
 * rules and a view over it. Metadata requests change it only on a dry run; they really change scratch objects.
 */
import type { DocumentSet, ObjectDocument, PropertyDocument } from '@tessera/engine';

const options = (...values: string[]) => values.map((value) => ({ value, label: { en: value } }));

export const formula = (returns: 'number' | 'text', source: string): PropertyDocument => ({
  type: returns === 'number' ? 'number' : 'string',
  readOnly: true,
  'x-tessera': { field: 'formula', returns, formula: source },
});

/** The fixture: an object with a field of every type, an account it links to, rules and a view over them. */
export const FUZZ_FIELDS: Record<string, PropertyDocument> = {
  code: { type: 'string', maxLength: 40, 'x-tessera': { field: 'text', unique: true } },
  notes: { type: 'string', maxLength: 4000, 'x-tessera': { field: 'textarea' } },
  body: { type: 'string', 'x-tessera': { field: 'richtext' } },
  qty: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
  weight: { type: 'number', 'x-tessera': { field: 'number' } },
  price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  discount: { type: 'number', 'x-tessera': { field: 'percent', scale: 2 } },
  active: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
  due_on: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
  seen_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
  opens_at: { type: 'string', format: 'time', 'x-tessera': { field: 'time' } },
  email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
  phone: { type: 'string', 'x-tessera': { field: 'phone' } },
  site: { type: 'string', format: 'uri', 'x-tessera': { field: 'url' } },
  status: {
    type: 'string',
    enum: ['new', 'done'],
    'x-tessera': { field: 'picklist', options: options('new', 'done') },
  },
  tags: {
    type: 'array',
    items: { type: 'string', enum: ['red', 'blue'] },
    uniqueItems: true,
    'x-tessera': { field: 'multipicklist', options: options('red', 'blue') },
  },
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
  total: formula('number', 'qty * price'),
  label: formula('text', 'account_id.name & " " & code'),
  number: { type: 'string', readOnly: true, 'x-tessera': { field: 'autonumber', format: 'W-{0000}' } },
  parts_cost: {
    type: 'number',
    readOnly: true,
    'x-tessera': { field: 'rollup', summarizedObject: 'part', summarizedField: 'cost', function: 'sum' },
  },
  spot: { type: 'object', 'x-tessera': { field: 'geolocation' } },
  extra: { type: 'object', 'x-tessera': { field: 'json' } },
};

const object = (
  apiName: string,
  properties: Record<string, PropertyDocument>,
  required: string[] = [],
): ObjectDocument => ({
  type: 'object',
  'x-tessera': { apiName, nameField: 'name', label: { en: apiName } },
  properties: { name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } }, ...properties },
  required: ['name', ...required],
});

export const FUZZ_DOCS: DocumentSet = {
  objects: [
    object('account', {}),
    object('widget', FUZZ_FIELDS),
    object(
      'part',
      {
        widget_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'master_detail', target: 'widget' },
        },
        cost: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
      },
      ['widget_id'],
    ),
  ],
  validationRules: [
    {
      kind: 'validation_rule',
      apiName: 'no_negative_price',
      object: 'widget',
      formula: 'price < 0',
      message: { en: 'no negative price' },
      field: 'price',
    },
  ],
  duplicateRules: [
    {
      kind: 'duplicate_rule',
      apiName: 'same_email',
      object: 'widget',
      fields: ['email'],
      action: 'warn',
      message: { en: 'looks like another widget' },
    },
  ],
  listViews: [
    {
      kind: 'list_view',
      apiName: 'open_widgets',
      object: 'widget',
      label: { en: 'Open' },
      columns: [{ field: 'name' }, { field: 'status' }],
      filter: { status: { eq: 'new' } },
    },
  ],
};

/** Objects whose definitions the fuzz test only ever changes on a dry run, so the data requests keep meaning. */
export const FIXTURE_OBJECTS = FUZZ_DOCS.objects.map((o) => o['x-tessera'].apiName);
/** What metadata requests really change: objects of their own. */
export const SCRATCH_OBJECTS = ['scratch', 'scratch_two'];
