import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildObjectMetaSchema } from './meta-schema.js';
import type { JsonSchema, ObjectDocument, PropertyDocument } from './types.js';
import { validateDocuments } from './validate-documents.js';

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema';

/** A small valid set: accounts, their equipment assets, and each asset's service visits (master-detail). */
function baseObjects(): ObjectDocument[] {
  return [
    {
      $schema: SCHEMA,
      $id: 'tessera:object/account',
      title: 'Account',
      type: 'object',
      'x-tessera': {
        id: 'obj_account',
        apiName: 'account',
        label: { en: 'Account', 'zh-CN': '客户' },
        pluralLabel: { en: 'Accounts', 'zh-CN': '客户' },
        nameField: 'name',
      },
      properties: {
        name: { type: 'string', maxLength: 120, 'x-tessera': { id: 'f_name', field: 'text' } },
        industry: {
          type: 'string',
          enum: ['retail', 'manufacturing'],
          'x-tessera': {
            id: 'f_industry',
            field: 'picklist',
            options: [
              { value: 'retail', label: { en: 'Retail', 'zh-CN': '零售' } },
              { value: 'manufacturing', label: { en: 'Manufacturing' } },
            ],
          },
        },
        segment: {
          type: 'string',
          enum: ['grocery', 'automotive'],
          'x-tessera': {
            id: 'f_segment',
            field: 'picklist',
            controllingField: 'industry',
            options: [
              { value: 'grocery', validFor: ['retail'] },
              { value: 'automotive', validFor: ['manufacturing'] },
            ],
          },
        },
        website: { type: 'string', format: 'uri', 'x-tessera': { field: 'url' } },
        active: { type: 'boolean', default: true, 'x-tessera': { field: 'boolean' } },
      },
      required: ['name'],
    },
    {
      $schema: SCHEMA,
      $id: 'tessera:object/equipment_asset',
      title: 'Equipment Asset',
      type: 'object',
      'x-tessera': {
        id: 'obj_asset',
        apiName: 'equipment_asset',
        label: { en: 'Equipment Asset', 'zh-CN': '设备资产' },
        nameField: 'name',
        trackHistory: true,
      },
      properties: {
        name: { type: 'string', maxLength: 120, 'x-tessera': { id: 'f_name', field: 'text' } },
        serial_no: {
          type: 'string',
          maxLength: 64,
          'x-tessera': { id: 'f_serial', field: 'text', unique: true },
        },
        asset_no: {
          type: 'string',
          readOnly: true,
          'x-tessera': { field: 'autonumber', format: 'AST-{YYYY}-{0000}' },
        },
        status: {
          type: 'string',
          enum: ['active', 'retired'],
          default: 'active',
          'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
        },
        customer_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'lookup', target: 'account', onDelete: 'restrict' },
        },
        warranty_end: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
        price: { type: 'number', minimum: 0, 'x-tessera': { field: 'currency', scale: 2 } },
        quantity: { type: 'integer', minimum: 1, default: 1, 'x-tessera': { field: 'integer' } },
        notes: { type: 'string', maxLength: 4000, 'x-tessera': { field: 'textarea' } },
        under_warranty: {
          type: 'boolean',
          readOnly: true,
          'x-tessera': { field: 'formula', returns: 'boolean', formula: 'warranty_end >= TODAY()' },
        },
        visit_count: {
          type: 'integer',
          readOnly: true,
          'x-tessera': { field: 'rollup', summarizedObject: 'service_visit', function: 'count' },
        },
        total_cost: {
          type: 'number',
          readOnly: true,
          'x-tessera': {
            field: 'rollup',
            summarizedObject: 'service_visit',
            function: 'sum',
            summarizedField: 'cost',
          },
        },
      },
      required: ['name', 'serial_no'],
    },
    {
      type: 'object',
      'x-tessera': { apiName: 'service_visit', nameField: 'name' },
      properties: {
        name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } },
        asset_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'master_detail', target: 'equipment_asset' },
        },
        cost: { type: 'number', 'x-tessera': { field: 'currency' } },
        visited_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
      },
      required: ['name', 'asset_id'],
    },
  ];
}

type Objects = ObjectDocument[];

function find(objects: Objects, apiName: string): ObjectDocument {
  const doc = objects.find((d) => d['x-tessera'].apiName === apiName);
  if (!doc) throw new Error(`no object ${apiName} in the base set`);
  return doc;
}

/** A property of the base set, typed loosely so a case can write what the types would refuse. */
function prop(objects: Objects, apiName: string, field: string): PropertyDocument {
  const p = find(objects, apiName).properties[field];
  if (!p) throw new Error(`no field ${apiName}.${field} in the base set`);
  return p;
}

const asset = (objects: Objects) => find(objects, 'equipment_asset');
const loose = (doc: ObjectDocument): JsonSchema => doc;
const options = (objects: Objects, apiName: string, field: string): Record<string, unknown> =>
  prop(objects, apiName, field)['x-tessera'] as unknown as Record<string, unknown>;

/** A one-field object to add to the set, for cases about object names and about sets. */
function lone(apiName: string, properties: Record<string, PropertyDocument> = {}): ObjectDocument {
  return {
    type: 'object',
    'x-tessera': { apiName, nameField: 'name' },
    properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } }, ...properties },
    required: ['name'],
  };
}

const masterDetail = (target: string): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field: 'master_detail', target },
});

interface Expected {
  document: string;
  pointer: string;
  code: string;
}

type Case = [name: string, change: (objects: Objects) => void, expected: Expected];

const cases: Case[] = [
  [
    'object apiName with upper-case letters',
    (o) => o.push(lone('Equipment')),
    { document: 'Equipment', pointer: '/x-tessera/apiName', code: 'bad_api_name' },
  ],
  [
    'object apiName starting with a digit',
    (o) => o.push(lone('1asset')),
    { document: '1asset', pointer: '/x-tessera/apiName', code: 'bad_api_name' },
  ],
  [
    'object apiName of 64 characters',
    (o) => o.push(lone('a'.repeat(64))),
    { document: 'a'.repeat(64), pointer: '/x-tessera/apiName', code: 'bad_api_name' },
  ],
  [
    'reserved object name "meta"',
    (o) => o.push(lone('meta')),
    { document: 'meta', pointer: '/x-tessera/apiName', code: 'reserved_name' },
  ],
  [
    'reserved object prefix "tessera_"',
    (o) => o.push(lone('tessera_x')),
    { document: 'tessera_x', pointer: '/x-tessera/apiName', code: 'reserved_name' },
  ],
  [
    'reserved field name "id"',
    (o) => {
      asset(o).properties.id = { type: 'string', maxLength: 10, 'x-tessera': { field: 'text' } };
    },
    { document: 'equipment_asset', pointer: '/properties/id', code: 'reserved_name' },
  ],
  [
    'reserved field name "created_at"',
    (o) => {
      asset(o).properties.created_at = {
        type: 'string',
        format: 'date-time',
        'x-tessera': { field: 'datetime' },
      };
    },
    { document: 'equipment_asset', pointer: '/properties/created_at', code: 'reserved_name' },
  ],
  [
    'field name that is not an API name',
    (o) => {
      asset(o).properties['Serial/No'] = { type: 'string', 'x-tessera': { field: 'text' } };
    },
    { document: 'equipment_asset', pointer: '/properties/Serial~1No', code: 'bad_api_name' },
  ],
  [
    'unknown field type',
    (o) => {
      options(o, 'equipment_asset', 'notes').field = 'memo';
    },
    { document: 'equipment_asset', pointer: '/properties/notes/x-tessera/field', code: 'unknown_field_type' },
  ],
  [
    '"scale" option on a text field',
    (o) => {
      options(o, 'equipment_asset', 'serial_no').scale = 2;
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/serial_no/x-tessera/scale',
      code: 'option_not_allowed',
    },
  ],
  [
    '"target" option on a text field',
    (o) => {
      options(o, 'equipment_asset', 'serial_no').target = 'account';
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/serial_no/x-tessera/target',
      code: 'option_not_allowed',
    },
  ],
  [
    '"maxLength" keyword on an integer field',
    (o) => {
      prop(o, 'equipment_asset', 'quantity').maxLength = 3;
    },
    { document: 'equipment_asset', pointer: '/properties/quantity/maxLength', code: 'keyword_not_allowed' },
  ],
  [
    'text maxLength above 255',
    (o) => {
      prop(o, 'equipment_asset', 'serial_no').maxLength = 256;
    },
    { document: 'equipment_asset', pointer: '/properties/serial_no/maxLength', code: 'maximum' },
  ],
  [
    'textarea maxLength above 131072',
    (o) => {
      prop(o, 'equipment_asset', 'notes').maxLength = 131073;
    },
    { document: 'equipment_asset', pointer: '/properties/notes/maxLength', code: 'maximum' },
  ],
  [
    'missing nameField',
    (o) => {
      delete (asset(o)['x-tessera'] as Partial<ObjectDocument['x-tessera']>).nameField;
    },
    { document: 'equipment_asset', pointer: '/x-tessera/nameField', code: 'required' },
  ],
  [
    'nameField that is not a field',
    (o) => {
      asset(o)['x-tessera'].nameField = 'title';
    },
    { document: 'equipment_asset', pointer: '/x-tessera/nameField', code: 'unknown_name_field' },
  ],
  [
    'nameField of an integer field',
    (o) => {
      asset(o)['x-tessera'].nameField = 'quantity';
    },
    { document: 'equipment_asset', pointer: '/x-tessera/nameField', code: 'bad_name_field' },
  ],
  [
    'lookup to a missing object',
    (o) => {
      options(o, 'equipment_asset', 'customer_id').target = 'customer';
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/customer_id/x-tessera/target',
      code: 'unknown_target',
    },
  ],
  [
    'master-detail to a missing object',
    (o) => {
      options(o, 'service_visit', 'asset_id').target = 'asset';
    },
    { document: 'service_visit', pointer: '/properties/asset_id/x-tessera/target', code: 'unknown_target' },
  ],
  [
    'master-detail not listed in required',
    (o) => {
      find(o, 'service_visit').required = ['name'];
    },
    { document: 'service_visit', pointer: '/properties/asset_id', code: 'master_detail_not_required' },
  ],
  [
    'master-detail cycle across two objects',
    (o) => {
      o.push(
        { ...lone('part', { kit_id: masterDetail('kit') }), required: ['name', 'kit_id'] },
        { ...lone('kit', { part_id: masterDetail('part') }), required: ['name', 'part_id'] },
      );
    },
    { document: 'part', pointer: '/properties/kit_id/x-tessera/target', code: 'master_detail_cycle' },
  ],
  [
    'master-detail cycle across three objects',
    (o) => {
      find(o, 'account').properties.visit_id = masterDetail('service_visit');
      find(o, 'account').required = ['name', 'visit_id'];
      asset(o).properties.account_id = masterDetail('account');
      asset(o).required = ['name', 'serial_no', 'account_id'];
    },
    { document: 'account', pointer: '/properties/visit_id/x-tessera/target', code: 'master_detail_cycle' },
  ],
  [
    'two objects with the same apiName',
    (o) => o.push(lone('account')),
    { document: 'account', pointer: '/x-tessera/apiName', code: 'duplicate_name' },
  ],
  [
    'two fields with the same id',
    (o) => {
      options(o, 'account', 'industry').id = 'f_name';
    },
    { document: 'account', pointer: '/properties/industry/x-tessera/id', code: 'duplicate_id' },
  ],
  [
    'two objects with the same id',
    (o) => {
      find(o, 'service_visit')['x-tessera'].id = 'obj_account';
    },
    { document: 'service_visit', pointer: '/x-tessera/id', code: 'duplicate_id' },
  ],
  [
    'picklist without enum',
    (o) => {
      delete prop(o, 'equipment_asset', 'status').enum;
    },
    { document: 'equipment_asset', pointer: '/properties/status/enum', code: 'required' },
  ],
  [
    'picklist options that do not match enum',
    (o) => {
      options(o, 'equipment_asset', 'status').options = [{ value: 'active' }, { value: 'scrapped' }];
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/status/x-tessera/options',
      code: 'options_mismatch',
    },
  ],
  [
    'picklist default not in enum',
    (o) => {
      prop(o, 'equipment_asset', 'status').default = 'lost';
    },
    { document: 'equipment_asset', pointer: '/properties/status/default', code: 'bad_default' },
  ],
  [
    'integer default that is a string',
    (o) => {
      prop(o, 'equipment_asset', 'quantity').default = 'one';
    },
    { document: 'equipment_asset', pointer: '/properties/quantity/default', code: 'bad_default' },
  ],
  [
    'integer default below its minimum',
    (o) => {
      prop(o, 'equipment_asset', 'quantity').default = 0;
    },
    { document: 'equipment_asset', pointer: '/properties/quantity/default', code: 'bad_default' },
  ],
  [
    'default on a formula field',
    (o) => {
      prop(o, 'equipment_asset', 'under_warranty').default = false;
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/under_warranty/default',
      code: 'default_not_allowed',
    },
  ],
  [
    'formula whose returns does not match its declared type',
    (o) => {
      options(o, 'equipment_asset', 'under_warranty').returns = 'date';
    },
    { document: 'equipment_asset', pointer: '/properties/under_warranty/type', code: 'returns_mismatch' },
  ],
  [
    'rollup over an object with no master-detail to this one',
    (o) => {
      options(o, 'equipment_asset', 'visit_count').summarizedObject = 'account';
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/visit_count/x-tessera/summarizedObject',
      code: 'not_a_detail',
    },
  ],
  [
    'rollup sum over a text field',
    (o) => {
      options(o, 'equipment_asset', 'total_cost').summarizedField = 'name';
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/total_cost/x-tessera/summarizedField',
      code: 'bad_rollup_field',
    },
  ],
  [
    'autonumber format without a {0} counter',
    (o) => {
      options(o, 'equipment_asset', 'asset_no').format = 'AST-{YYYY}';
    },
    { document: 'equipment_asset', pointer: '/properties/asset_no/x-tessera/format', code: 'pattern' },
  ],
  [
    'required naming an unknown field',
    (o) => {
      asset(o).required = ['name', 'serial_no', 'model'];
    },
    { document: 'equipment_asset', pointer: '/required/2', code: 'unknown_required' },
  ],
  [
    'required naming a formula field',
    (o) => {
      asset(o).required = ['name', 'under_warranty'];
    },
    { document: 'equipment_asset', pointer: '/required/1', code: 'generated_required' },
  ],
  [
    '$id that does not match the apiName',
    (o) => {
      asset(o).$id = 'tessera:object/asset';
    },
    { document: 'equipment_asset', pointer: '/$id', code: 'id_mismatch' },
  ],
  [
    'top-level type that is not "object"',
    (o) => {
      loose(asset(o)).type = 'array';
    },
    { document: 'equipment_asset', pointer: '/type', code: 'const' },
  ],
  [
    'missing properties',
    (o) => {
      delete loose(find(o, 'account')).properties;
    },
    { document: 'account', pointer: '/properties', code: 'required' },
  ],
  [
    'localized label with a bad language tag',
    (o) => {
      asset(o)['x-tessera'].label = { en: 'Equipment Asset', ZH_CN: '设备资产' };
    },
    { document: 'equipment_asset', pointer: '/x-tessera/label/ZH_CN', code: 'bad_language_tag' },
  ],
  [
    'unique on a currency field',
    (o) => {
      options(o, 'equipment_asset', 'price').unique = true;
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/price/x-tessera/unique',
      code: 'option_not_allowed',
    },
  ],
  [
    'controllingField naming a field that is not a picklist',
    (o) => {
      options(o, 'account', 'segment').controllingField = 'name';
    },
    {
      document: 'account',
      pointer: '/properties/segment/x-tessera/controllingField',
      code: 'bad_controlling_field',
    },
  ],
  [
    'validFor naming a value the controller does not have',
    (o) => {
      options(o, 'account', 'segment').options = [
        { value: 'grocery', validFor: ['retail'] },
        { value: 'automotive', validFor: ['mining'] },
      ];
    },
    {
      document: 'account',
      pointer: '/properties/segment/x-tessera/options/1/validFor',
      code: 'unknown_controlling_value',
    },
  ],
  [
    'nameField naming a member of Object.prototype',
    (o) => {
      asset(o)['x-tessera'].nameField = 'constructor';
    },
    { document: 'equipment_asset', pointer: '/x-tessera/nameField', code: 'unknown_name_field' },
  ],
  [
    'required naming a member of Object.prototype',
    (o) => {
      asset(o).required = ['name', 'toString'];
    },
    { document: 'equipment_asset', pointer: '/required/1', code: 'unknown_required' },
  ],
  [
    'rollup over a field the child does not have',
    (o) => {
      options(o, 'equipment_asset', 'total_cost').summarizedField = 'constructor';
    },
    {
      document: 'equipment_asset',
      pointer: '/properties/total_cost/x-tessera/summarizedField',
      code: 'unknown_field',
    },
  ],
  [
    'property without x-tessera',
    (o) => {
      find(o, 'account').properties.fax = { type: 'string' } as PropertyDocument;
    },
    { document: 'account', pointer: '/properties/fax/x-tessera', code: 'required' },
  ],
  [
    'lookup with onDelete cascade (master-detail only)',
    (o) => {
      options(o, 'equipment_asset', 'customer_id').onDelete = 'cascade';
    },
    { document: 'equipment_asset', pointer: '/properties/customer_id/x-tessera/onDelete', code: 'enum' },
  ],
  [
    'unknown keyword at the top level',
    (o) => {
      loose(find(o, 'account')).additionalProperties = false;
    },
    { document: 'account', pointer: '/additionalProperties', code: 'unknown_property' },
  ],
];

const run = (change: (objects: Objects) => void) => {
  const objects = baseObjects();
  change(objects);
  return validateDocuments({ objects });
};

describe('validateDocuments', () => {
  it('accepts the base documents', () => {
    expect(validateDocuments({ objects: baseObjects() })).toEqual([]);
  });

  it('has distinct cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map(([name]) => name)).size).toBe(cases.length);
  });

  it.each(cases)('reports %s', (_name, change, expected) => {
    const issues = run(change);
    expect(issues).not.toEqual([]);
    expect(issues).toContainEqual(expect.objectContaining(expected));
  });

  it('reports every problem of one document, not only the first', () => {
    const issues = run((o) => {
      options(o, 'equipment_asset', 'serial_no').scale = 2;
      prop(o, 'equipment_asset', 'notes').maxLength = 131073;
      options(o, 'equipment_asset', 'price').field = 'money';
      loose(asset(o)).type = 'array';
    });
    expect(issues).not.toEqual([]);
    const inAsset = issues.filter((i) => i.document === 'equipment_asset');
    for (const expected of [
      { pointer: '/properties/serial_no/x-tessera/scale', code: 'option_not_allowed' },
      { pointer: '/properties/notes/maxLength', code: 'maximum' },
      { pointer: '/properties/price/x-tessera/field', code: 'unknown_field_type' },
      { pointer: '/type', code: 'const' },
    ])
      expect(inAsset).toContainEqual(expect.objectContaining(expected));
  });

  it('does not report a reference to an object that is present but invalid as a missing target', () => {
    const issues = run((o) => {
      options(o, 'equipment_asset', 'serial_no').scale = 2;
    });
    expect(issues).toEqual([
      expect.objectContaining({
        document: 'equipment_asset',
        pointer: '/properties/serial_no/x-tessera/scale',
        code: 'option_not_allowed',
      }),
    ]);
  });

  it('still reports a reference to an object that is not in the set', () => {
    const issues = run((o) => {
      options(o, 'equipment_asset', 'serial_no').scale = 2;
      options(o, 'service_visit', 'asset_id').target = 'asset';
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        document: 'service_visit',
        pointer: '/properties/asset_id/x-tessera/target',
        code: 'unknown_target',
      }),
    );
  });

  it('reports semantic problems of one document together', () => {
    const issues = run((o) => {
      asset(o)['x-tessera'].nameField = 'title';
      options(o, 'equipment_asset', 'customer_id').target = 'customer';
      prop(o, 'equipment_asset', 'status').default = 'lost';
      asset(o).required = ['name', 'model'];
    });
    expect(issues).not.toEqual([]);
    expect(issues.map(({ document, pointer, code }) => ({ document, pointer, code }))).toEqual(
      expect.arrayContaining([
        { document: 'equipment_asset', pointer: '/x-tessera/nameField', code: 'unknown_name_field' },
        {
          document: 'equipment_asset',
          pointer: '/properties/customer_id/x-tessera/target',
          code: 'unknown_target',
        },
        { document: 'equipment_asset', pointer: '/properties/status/default', code: 'bad_default' },
        { document: 'equipment_asset', pointer: '/required/1', code: 'unknown_required' },
      ]),
    );
  });
});

describe("a text field's pattern", () => {
  const withPattern = (pattern: string) =>
    run((o) => {
      (find(o, 'account').properties.name as PropertyDocument).pattern = pattern;
    });

  it('is refused when the linear-time engine cannot run it, naming the field and the reason', () => {
    expect(withPattern('^(a)\\1$')).toEqual([
      {
        document: 'account',
        pointer: '/properties/name/pattern',
        code: 'unsupported_pattern',
        message:
          'field "name": the pattern cannot be used: invalid escape sequence: `\\1` (backreferences are not supported: patterns run in linear time)',
      },
    ]);
    expect(withPattern('^(?!x)')).toEqual([
      expect.objectContaining({ code: 'unsupported_pattern', message: expect.stringMatching(/lookarounds/) }),
    ]);
    expect(withPattern('[')).toEqual([
      expect.objectContaining({
        code: 'unsupported_pattern',
        message: expect.stringMatching(/missing closing/),
      }),
    ]);
    expect(withPattern('a'.repeat(1001))).toEqual([
      expect.objectContaining({
        pointer: '/properties/name/pattern',
        code: 'unsupported_pattern',
        message: 'field "name": the pattern cannot be used: it is longer than 1000 characters',
      }),
    ]);
  });

  it('is accepted when it can run, backtracking-prone or not (it runs in linear time)', () => {
    expect(withPattern('^(a+)+$')).toEqual([]);
    expect(withPattern('^[^\\u0000]{1,3}\\p{Script=Han}$')).toEqual([]);
  });
});

describe('the published meta-schema', () => {
  it('is a valid draft 2020-12 schema', () => {
    // Fully strict, as a consumer compiling the published file with ajv's strictest settings would.
    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv);
    const schema = buildObjectMetaSchema();
    expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('is committed as engine/schemas/object.schema.json', () => {
    const file = new URL('../../schemas/object.schema.json', import.meta.url);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '(missing)';
    expect(
      committed,
      'engine/schemas/object.schema.json is stale: run `pnpm --filter @tessera/engine schemas`',
    ).toBe(`${JSON.stringify(buildObjectMetaSchema(), null, 2)}\n`);
  });
});
