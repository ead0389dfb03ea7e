/** Requests of the metadata API: objects, fields, deploys, rules, views, access documents, packages, versions. */
import type { ObjectDocument, PropertyDocument } from '@tessera/engine';
import fc from 'fast-check';
import { FIXTURE_OBJECTS, FUZZ_FIELDS, formula, SCRATCH_OBJECTS } from './fixture.js';
import {
  type FuzzPool,
  type FuzzRequest,
  fieldName,
  filterJunk,
  headers,
  hostile,
  junk,
  odd,
  oddString,
  seg,
  withOneFlaw,
} from './values.js';

/** A valid definition of each field type, as a metadata change would add it. */
const VALID_PROPS: Record<string, PropertyDocument> = {
  ...FUZZ_FIELDS,
  // Formulas and the like that read only the name, so they fit any object.
  code: { type: 'string', maxLength: 40, 'x-tessera': { field: 'text' } },
  total: formula('number', 'LEN(name) * 2'),
  label: formula('text', 'UPPER(name)'),
  number: { type: 'string', readOnly: true, 'x-tessera': { field: 'autonumber', format: 'S-{000}' } },
  parts_cost: { type: 'string', maxLength: 10, 'x-tessera': { field: 'text' } },
};
const validProp = fc.constantFrom(...Object.values(VALID_PROPS));
const propOrJunk = fc.oneof(
  { weight: 6, arbitrary: validProp },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        validProp,
        fc.constantFrom('type', 'maxLength', 'format', 'enum', 'default', 'x-tessera', 'readOnly', 'pattern'),
        hostile,
      )
      .map(([p, k, bad]) => ({ ...p, [k]: bad })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        validProp,
        fc.constantFrom(
          'field',
          'target',
          'formula',
          'returns',
          'options',
          'scale',
          'unique',
          'label',
          'defaultFormula',
          'format',
        ),
        hostile,
      )
      .map(([p, k, bad]) => ({ ...p, 'x-tessera': { ...p['x-tessera'], [k]: bad } })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      {},
      null,
      [],
      'text',
      { type: 'string' },
      { 'x-tessera': null },
      { 'x-tessera': { field: 'text' } },
    ),
  },
);
const newFieldName = odd(fc.constantFrom('alpha', 'beta', 'gamma', 'constructor', 'amount', 'code'));

/** The object as it is now, or a new one: what a change of it starts from. */
function currentObject(pool: FuzzPool, name: string): ObjectDocument {
  return structuredClone(
    pool.objects().get(name) ?? {
      type: 'object',
      'x-tessera': { apiName: name, nameField: 'name' },
      properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } },
      required: ['name'],
    },
  );
}

/** A changed object document: a field added, retyped, removed or renamed; sometimes with one flaw. */
function changedObject(pool: FuzzPool, name: string): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.constantFrom('add', 'retype', 'remove', 'rename', 'flaw'),
      newFieldName,
      propOrJunk,
      fc.nat(),
      hostile,
      fc.constantFrom('x-tessera', 'properties', 'required', 'type', '$id'),
    )
    .map(([change, field, prop, i, bad, part]) => {
      const doc = currentObject(pool, name);
      const names = Object.keys(doc.properties).filter((n) => n !== 'name');
      const existing = names[i % Math.max(1, names.length)];
      if (change === 'add') doc.properties = { ...doc.properties, [field]: prop as PropertyDocument };
      else if (change === 'retype' && existing)
        doc.properties[existing] = {
          ...(prop as PropertyDocument),
          'x-tessera': {
            ...(prop as PropertyDocument)?.['x-tessera'],
            id: doc.properties[existing]?.['x-tessera'].id,
          },
        } as PropertyDocument;
      else if (change === 'remove' && existing) delete doc.properties[existing];
      else if (change === 'rename' && existing)
        doc.properties = Object.fromEntries(
          Object.entries(doc.properties).map(([k, v]) => [k === existing ? field : k, v]),
        );
      doc.required = (doc.required ?? []).filter((r) => Object.hasOwn(doc.properties, r));
      if (change === 'flaw') (doc as unknown as Record<string, unknown>)[part] = bad;
      return doc;
    });
}

const objectName = odd(fc.constantFrom(...FIXTURE_OBJECTS, ...SCRATCH_OBJECTS, ...SCRATCH_OBJECTS));
const kindName = odd(fc.constantFrom('rule_a', 'layout_a', 'view_a', 'role_a', 'set_a'));
const FORMULAS = [
  'price < 0',
  'qty > 5',
  'ISBLANK(code)',
  'LEN(name) > 3',
  'account_id.name = "x"',
  'TODAY() > due_on',
  'qty / 0 > 1',
  '1 +',
  'nope(1)',
  'ISBLANK(constructor)',
];

/** Rules, layouts, views, roles and permission sets of `object`, naming its fields; sometimes with one flaw. */
function namedDocument(kind: string, object: string): fc.Arbitrary<unknown> {
  const valid = fc
    .record({
      apiName: kindName,
      formula: fc.constantFrom(...FORMULAS),
      field: fieldName,
      fields: fc.subarray(['name', 'code', 'email', 'price'], { minLength: 1, maxLength: 3 }),
      filter: fc.oneof(fc.constant({ status: { eq: 'new' } }), filterJunk),
      parent: fc.constantFrom('role_a', 'role_b', 'nobody'),
    })
    .map(({ apiName, formula, field, fields, filter, parent }) => {
      const common = { kind, apiName };
      switch (kind) {
        case 'validation_rule':
          return { ...common, object, formula, message: { en: 'no' } };
        case 'duplicate_rule':
          return { ...common, object, fields, action: 'warn', message: { en: 'same' } };
        case 'layout':
          return {
            ...common,
            object,
            sections: [
              { id: 'main', columns: 2, items: fields.map((f, i) => ({ field: f, column: (i % 2) + 1 })) },
            ],
          };
        case 'list_view':
          return {
            ...common,
            object,
            label: { en: 'v' },
            columns: fields.map((f) => ({ field: f })),
            filter,
            sort: '-created_at',
          };
        case 'role':
          return { ...common, parent };
        default:
          return {
            ...common,
            objects: { [object]: { read: true, edit: true } },
            fields: { [object]: { [field]: 'read' } },
          };
      }
    });
  return withOneFlaw(valid);
}

const NAMED = [
  ['validation_rule', 'validationRules', 'validation-rules'],
  ['duplicate_rule', 'duplicateRules', 'duplicate-rules'],
  ['layout', 'layouts', 'layouts'],
  ['list_view', 'listViews', 'list-views'],
  ['role', 'roles', 'roles'],
  ['permission_set', 'permissionSets', 'permission-sets'],
] as const;

const CSV_TEXTS = [
  'name,amount\nA,1\nB,2.5\n',
  'name,amount\n"x",1e999\n',
  'name\n"unterminated\n',
  '\ufeffname\r\n\u0000\r\n',
  'constructor,name\n1,2\n',
  'name,amount\nC,abc\n',
  '',
];

/** Changes of objects, fields, rules, views, access documents and packages; reads of versions. */
export function metadataRequest(pool: FuzzPool): fc.Arbitrary<FuzzRequest> {
  const dry = fc.boolean().map((d) => (d ? '?dryRun=true' : ''));
  // A fixture object is only ever changed on a dry run: the data requests rely on its fields.
  const query = (object: string, d: string) => (FIXTURE_OBJECTS.includes(object) ? '?dryRun=true' : d);
  const fieldOf = (object: string) =>
    fc
      .constant(null)
      .chain(() =>
        odd(
          fc.constantFrom(
            'name',
            'constructor',
            ...Object.keys(pool.objects().get(object)?.properties ?? {}),
          ),
        ),
      );
  return fc.oneof(
    objectName.chain((o) =>
      fc.tuple(changedObject(pool, o), dry, headers).map(([body, d, h]) => ({
        method: 'PUT' as const,
        path: `/meta/objects/${seg(o)}${query(o, d)}`,
        body,
        headers: h,
      })),
    ),
    objectName.chain((o) =>
      fc
        .tuple(
          withOneFlaw(
            fc.record(
              { apiName: newFieldName, schema: propOrJunk as fc.Arbitrary<unknown>, required: fc.boolean() },
              { requiredKeys: ['apiName', 'schema'] },
            ),
          ),
          dry,
        )
        .map(([body, d]) => ({
          method: 'POST' as const,
          path: `/meta/objects/${seg(o)}/fields${query(o, d)}`,
          body,
        })),
    ),
    objectName.chain((o) =>
      fc
        .tuple(
          fieldOf(o),
          withOneFlaw(
            fc.record(
              { apiName: newFieldName, schema: propOrJunk as fc.Arbitrary<unknown>, required: fc.boolean() },
              { requiredKeys: [] },
            ),
          ),
          dry,
        )
        .map(([f, body, d]) => ({
          method: 'PATCH' as const,
          path: `/meta/objects/${seg(o)}/fields/${seg(f)}${query(o, d)}`,
          body,
        })),
    ),
    objectName.chain((o) =>
      fc.tuple(fieldOf(o), dry).map(([f, d]) => ({
        method: 'DELETE' as const,
        path: `/meta/objects/${seg(o)}/fields/${seg(f)}${query(o, d)}`,
      })),
    ),
    objectName.chain((o) =>
      dry.map((d) => ({ method: 'DELETE' as const, path: `/meta/objects/${seg(o)}${query(o, d)}` })),
    ),
    fc
      .tuple(
        fc.constantFrom(...SCRATCH_OBJECTS),
        fc.constantFrom(...NAMED),
        fc.constantFrom('widget', ...SCRATCH_OBJECTS),
        dry,
      )
      .chain(([o, [kind, key], target, d]) =>
        withOneFlaw(
          fc.record(
            { objects: fc.tuple(changedObject(pool, o)), [key]: fc.tuple(namedDocument(kind, target)) },
            { requiredKeys: [] },
          ) as fc.Arbitrary<Record<string, unknown>>,
        ).map((body) => ({ method: 'POST' as const, path: `/meta/deploy${d}`, body })),
      ),
    fc
      .tuple(fc.constantFrom(...NAMED), kindName, fc.constantFrom('widget', ...SCRATCH_OBJECTS), dry)
      .chain(([[kind, , route], name, target, d]) =>
        namedDocument(kind, target).map((body) => ({
          method: 'PUT' as const,
          path: `/meta/${route}/${seg(name)}${d}`,
          body:
            typeof body === 'object' && body !== null && !Array.isArray(body) && 'kind' in body
              ? { ...body, apiName: name }
              : body,
        })),
      ),
    fc.tuple(fc.constantFrom(...NAMED), kindName, dry).map(([[, , route], name, d]) => ({
      method: 'DELETE' as const,
      path: `/meta/${route}/${seg(name)}${d}`,
    })),
    fc
      .tuple(
        withOneFlaw(
          fc.record({
            name: fc.constantFrom('shop', 'shop_two'),
            version: fc.constantFrom('1.0.0', '1.1.0', '2.0.0'),
          }),
        ),
        withOneFlaw(
          fc.record({ objects: fc.tuple(changedObject(pool, 'shop_item')) }) as fc.Arbitrary<
            Record<string, unknown>
          >,
        ),
        fc.oneof(
          fc.constant([]),
          fc.array(
            fc.record({
              file: fc.oneof(fc.constant('data/shop_item.csv'), oddString),
              text: fc.oneof(fc.constantFrom(...CSV_TEXTS), oddString),
            }),
            { maxLength: 2 },
          ),
          junk,
        ),
        dry,
      )
      .map(([manifest, documents, data, d]) => ({
        method: 'POST' as const,
        path: `/meta/packages${d}`,
        body: { manifest, documents, data },
      })),
    fc.tuple(odd(fc.constantFrom('shop', 'shop_two')), fc.boolean(), dry).map(([name, force, d]) => ({
      method: 'DELETE' as const,
      path: `/meta/packages/${seg(name)}${d || '?'}${force ? '&force=true' : ''}`,
    })),
    fc
      .tuple(odd(fc.nat({ max: 40 }).map(String)), odd(fc.nat({ max: 40 }).map(String)))
      .map(([a, b]) => ({ method: 'GET' as const, path: `/meta/versions/${seg(a)}/diff/${seg(b)}` })),
    odd(fc.nat({ max: 40 }).map(String)).map((v) => ({
      method: 'POST' as const,
      path: `/meta/versions/${seg(v)}/restore?dryRun=true`,
    })),
  );
}
