/**
 * Generators of hostile-but-plausible requests for the fuzz test (src/fuzz.test.ts): mostly well-formed calls
 * with one thing wrong (a value of the wrong type, an odd string, a prototype name, junk nested where an object
 * belongs), so that they get past the first checks and reach the code behind them.
 */
import type { DocumentSet, FieldType, ObjectDocument, PropertyDocument } from '@tessera/engine';
import fc from 'fast-check';
import { fieldTypeDef } from '../../engine/src/fields/registry.js';

/** One request: what the fuzz test sends, and whether it may change the workspace's data or metadata. */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** JSON text, or a value sent as JSON; raw text lets numbers such as `1e999` through. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * What earlier answers taught: ids and cursors (requests that name real records get further than random ones)
 * and the workspace's current documents, so generated records and changes fit the objects as they are now.
 */
export interface FuzzPool {
  ids: Map<string, string[]>;
  cursors: string[];
  objects: () => ReadonlyMap<string, ObjectDocument>;
}

const options = (...values: string[]) => values.map((value) => ({ value, label: { en: value } }));

const formula = (returns: 'number' | 'text', source: string): PropertyDocument => ({
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
const SCRATCH_OBJECTS = ['scratch', 'scratch_two'];

/** Strings that have broken parsers, lookups and databases before. */
const ODD_STRINGS = [
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'id',
  'name',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  '0x1F',
  'true',
  "'; drop table widget; --",
  '" or 1=1 --',
  '%',
  '_',
  '\\',
  '%_\\',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '🚀',
  '👩‍👩‍👧',
  'e\u0301',
  '\u202eevil',
  '\ufeff',
  '\u2028',
  'İı',
  '设备',
  '../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01',
  '-271821-04-20',
  '2026-01-01T00:00:00+25:00',
  '24:00:00',
  '23:59:60',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'a,b',
  '-created_at',
  ',,,',
  'x'.repeat(256),
  'y'.repeat(5000),
];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** A number written as JSON text as it is: `1e999` parses to Infinity, long digits lose precision. */
export class RawNumber {
  constructor(readonly text: string) {}
}

const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.1, 0.005, 1e-7, 1e21, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 63)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .constantFrom('1e999', '-1e999', '1e-999', '123456789012345678901234567890', '-0.0')
    .map((t) => new RawNumber(t)),
);

/** Any JSON value, nested a few levels, built from the odd strings and numbers. */
export const junk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    oddString,
    oddNumber,
    fc.boolean(),
    fc.constant(null),
    tie('list'),
    tie('map'),
  ),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(oddString, tie('value'), { maxKeys: 4 }),
})).value;

/** Very deep or very wide values: what recursion and loops over a value meet. */
const monster: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 50, max: 1000 }).map((depth) => {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
    return v;
  }),
  fc.integer({ min: 100, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc
    .integer({ min: 100, max: 5000 })
    .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: junk },
  { weight: 1, arbitrary: monster },
);

const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true });
const pick = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
const idOf = (pool: FuzzPool, object: string) => fc.nat().map((i) => pick(pool.ids.get(object) ?? [], i));

/** A value a field of this definition accepts. */
function validValue(prop: PropertyDocument, pool: FuzzPool): fc.Arbitrary<unknown> {
  const x = prop['x-tessera'];
  switch (x.field) {
    case 'integer':
      return fc.integer({ min: 0, max: 1_000_000 });
    case 'number':
      return fc.double({ min: -1e6, max: 1e6, noNaN: true });
    case 'currency':
    case 'percent':
      return fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return day.map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return day.map((d) => d.toISOString());
    case 'time':
      return fc.constantFrom('00:00:00', '08:30', '23:59:59');
    case 'email':
      return fc.constantFrom('li.lei@example.cn', 'a@b.co', 'x+y@example.com');
    case 'url':
      return fc.constantFrom('https://example.com/a?b=c', 'http://例子.测试', 'mailto:a@b.co');
    case 'phone':
      return fc.constantFrom('+86 21 5550 1234', '(555) 010-9999', '12345');
    case 'picklist':
      return fc.constantFrom(...(x.options ?? [{ value: 'x' }]).map((o) => o.value));
    case 'multipicklist':
      return fc.subarray((x.options ?? []).map((o) => o.value));
    case 'lookup':
    case 'master_detail':
      return idOf(pool, x.target ?? '');
    case 'geolocation':
      return fc.record({ lat: fc.integer({ min: -90, max: 90 }), lng: fc.integer({ min: -180, max: 180 }) });
    case 'json':
      return junk.map((v) => ({ v }));
    case 'textarea':
    case 'richtext':
      return fc.string({ maxLength: 200 });
    default:
      return fc.string({
        minLength: 1,
        maxLength: Math.min(40, (prop.maxLength as number | undefined) ?? 40),
      });
  }
}

/** The fields of an object as it is now that a client may write. */
function writable(pool: FuzzPool, object: string): [string, PropertyDocument][] {
  const doc = pool.objects().get(object);
  if (!doc) return [];
  return Object.entries(doc.properties).filter(
    ([, p]) => p.readOnly !== true && !fieldTypeDef(p['x-tessera'].field as FieldType).generated,
  );
}

/** A record the object takes as it is now: its required fields and some others. */
function validRecord(pool: FuzzPool, object: string, partial = false): fc.Arbitrary<Record<string, unknown>> {
  return fc.constant(null).chain(() => {
    const doc = pool.objects().get(object);
    const fields = writable(pool, object);
    const required = partial ? [] : (doc?.required ?? []).filter((r) => fields.some(([n]) => n === r));
    return fc.record(Object.fromEntries(fields.map(([name, prop]) => [name, validValue(prop, pool)])), {
      requiredKeys: required,
    }) as fc.Arbitrary<Record<string, unknown>>;
  });
}

/** Most of the time nothing; otherwise one flaw: a value replaced by junk, a key that is no field, or junk for all. */
function withOneFlaw(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valid,
      fc.nat(),
      fc.constantFrom('none', 'none', 'none', 'value', 'key', 'whole'),
      hostile,
      oddString,
    )
    .map(([record, i, flaw, bad, key]) => {
      const keys = Object.keys(record);
      if (flaw === 'value' && keys.length) return { ...record, [keys[i % keys.length] as string]: bad };
      if (flaw === 'key') return { ...record, [key]: bad };
      if (flaw === 'whole') return bad;
      return record;
    });
}

/** The fields a filter or sort may name on an object as it is now, with their operators. */
function queryable(
  pool: FuzzPool,
  object: string,
): { name: string; prop?: PropertyDocument; operators: readonly string[]; sortable: boolean }[] {
  const doc = pool.objects().get(object);
  const own = Object.entries(doc?.properties ?? {}).map(([name, prop]) => {
    const def = fieldTypeDef(prop['x-tessera'].field as FieldType);
    return {
      name,
      prop,
      operators: def.operatorsFor?.(prop) ?? def.operators,
      sortable: !['multipicklist', 'geolocation', 'json', 'richtext', 'textarea'].includes(def.type),
    };
  });
  return [
    { name: 'id', operators: ['eq', 'in'], sortable: true },
    { name: 'created_at', operators: ['gt', 'lte'], sortable: true },
    { name: 'version', operators: ['eq', 'gte'], sortable: true },
    ...own,
  ];
}

function validFilter(pool: FuzzPool, object: string): fc.Arbitrary<unknown> {
  return fc.constant(null).chain(() => {
    const fields = queryable(pool, object).filter((f) => f.operators.length);
    if (!fields.length) return fc.constant({});
    const leaf = fc.constantFrom(...fields).chain((f) =>
      fc.constantFrom(...f.operators).chain((op) => {
        const value = f.prop
          ? validValue(f.prop, pool)
          : f.name === 'id'
            ? idOf(pool, object)
            : f.name === 'version'
              ? fc.nat(9)
              : day.map((d) => d.toISOString());
        const operand =
          op === 'isNull'
            ? fc.boolean()
            : op === 'in' || op === 'nin'
              ? fc.array(value, { minLength: 1, maxLength: 5 })
              : op === 'contains' || op === 'startsWith'
                ? fc.string({ minLength: 1, maxLength: 5 })
                : value;
        return operand.map((v) => ({ [f.name]: { [op]: v } }));
      }),
    );
    return fc.oneof(
      { weight: 3, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((and) => ({ and })) },
      { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((or) => ({ or })) },
      { weight: 1, arbitrary: leaf.map((not) => ({ not })) },
    );
  });
}

/** A cursor made for `sort`, with values of any type: it passes the signature check and reaches SQL. */
const craftedCursor = (sort: string, values: readonly unknown[]) => {
  const keys = sort.split(',').filter(Boolean);
  const signature = keys.some((k) => k.replace(/^-/, '') === 'id')
    ? keys.join(',')
    : [...keys, keys.at(-1)?.startsWith('-') ? '-id' : 'id'].join(',');
  return Buffer.from(JSON.stringify({ s: signature, v: values })).toString('base64url');
};

const primitive = fc.oneof(
  oddString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** The options of a list of `object`: valid ones, then at most one flaw (junk for one option, a forged cursor). */
function listOptions(pool: FuzzPool, object: string): fc.Arbitrary<Record<string, unknown>> {
  const valid = fc.constant(null).chain(() => {
    const fields = queryable(pool, object);
    const sortable = fields.filter((f) => f.sortable).map((f) => f.name);
    const links = fields
      .filter((f) => ['lookup', 'master_detail'].includes(f.prop?.['x-tessera'].field ?? ''))
      .map((f) => f.name);
    return fc.record(
      {
        filter: validFilter(pool, object),
        sort: fc
          .array(fc.tuple(fc.boolean(), fc.constantFrom(...sortable)), { minLength: 1, maxLength: 3 })
          .map((keys) => keys.map(([d, f]) => `${d ? '-' : ''}${f}`).join(',')),
        limit: fc.integer({ min: 1, max: 500 }),
        fields: fc.subarray(
          fields.map((f) => f.name),
          { minLength: 1 },
        ),
        expand: links.length ? fc.subarray(links, { minLength: 1 }) : fc.constant([]),
        count: fc.boolean(),
        cursor: fc.nat().map((i) => pick(pool.cursors, i) ?? 'none'),
      },
      { requiredKeys: [] },
    );
  });
  const option = fc.constantFrom('filter', 'sort', 'limit', 'fields', 'expand', 'count', 'cursor', 'colour');
  return fc
    .tuple(
      valid,
      fc.constantFrom('none', 'none', 'option', 'cursor', 'filter'),
      option,
      hostile,
      fc.array(primitive, { minLength: 1, maxLength: 6 }),
      filterJunk,
    )
    .map(([o, flaw, key, bad, values, junkFilter]) => {
      if (flaw === 'option') return { ...o, [key]: bad };
      if (flaw === 'cursor')
        return {
          ...o,
          sort: o.sort ?? 'name',
          cursor: craftedCursor((o.sort as string | undefined) ?? 'name', values),
        };
      if (flaw === 'filter') return { ...o, filter: junkFilter };
      return o;
    });
}

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'startsWith', 'isNull'];
const fieldName = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('id', 'name', 'created_at', 'owner_id', ...Object.keys(FUZZ_FIELDS)),
  },
  { weight: 1, arbitrary: oddString },
);

/** A filter with junk in its structure, field names, operators and values (and lists past the limit). */
const filterJunk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    tie('leaf'),
    fc.record({ and: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ or: fc.oneof(fc.array(tie('node'), { maxLength: 3 }), junk) }),
    fc.record({ not: tie('node') }),
    junk,
  ),
  leaf: fc.dictionary(
    fieldName,
    fc.oneof(
      fc.dictionary(
        fc.oneof(fc.constantFrom(...OPERATORS), oddString),
        fc.oneof(junk, fc.array(primitive, { minLength: 495, maxLength: 510 })),
        { minKeys: 1, maxKeys: 2 },
      ),
      junk,
    ),
    { maxKeys: 2 },
  ),
})).node;

/** A list option as a query string value: JSON for the filter, comma-separated lists, text for the rest. */
function queryValue(key: string, value: unknown): string {
  if (key !== 'filter' && typeof value === 'string') return value;
  if (key !== 'filter' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.join(',');
  return JSON.stringify(value) ?? '';
}

function queryString(options: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options))
    if (value !== undefined) params.set(key, queryValue(key, value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const odd = <T>(common: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: common }, { weight: 1, arbitrary: oddString });
const dataObject = odd(fc.constantFrom('widget', 'widget', 'widget', 'part', 'account', ...SCRATCH_OBJECTS));

/**
 * A path segment, percent-encoded. A lone surrogate, which encodeURIComponent refuses, goes as the bytes a
 * careless encoder would make of it (invalid UTF-8): the server must cope with those too.
 */
const seg = (s: string) =>
  s.replace(/\p{Surrogate}|[^\p{Surrogate}]+/gu, (part) => {
    if (!/\p{Surrogate}/u.test(part)) return encodeURIComponent(part);
    const c = part.charCodeAt(0);
    return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join('');
  });

/** Headers, now and then: each may be odd. */
const headers = fc.option(
  fc
    .record(
      {
        'if-match': fc.oneof(fc.constantFrom('"1"', '"2"', '"999"', '*', 'W/"1"'), oddString),
        'accept-language': fc.oneof(fc.constantFrom('zh-CN', 'en;q=0.1, zh', '*', 'constructor'), oddString),
        'time-zone': fc.oneof(
          fc.constantFrom('Asia/Shanghai', 'UTC', 'Etc/GMT+14', 'America/St_Johns'),
          oddString,
        ),
        'content-type': fc.constantFrom(
          'text/plain',
          'application/json; charset=latin1',
          'application/merge-patch+json',
        ),
      },
      { requiredKeys: [] },
    )
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)))),
  { nil: {}, freq: 3 },
);

const idFor = (pool: FuzzPool, object: string) =>
  fc.oneof(
    { weight: 6, arbitrary: idOf(pool, object).map((id) => id ?? 'none') },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: oddString },
  );

/** Creates, reads, changes and deletes of single records. */
export function dataRequest(pool: FuzzPool): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: dataObject.chain((o) =>
        fc
          .tuple(withOneFlaw(validRecord(pool, o)), headers)
          .map(([body, h]) => ({ method: 'POST' as const, path: `/data/${seg(o)}`, body, headers: h })),
      ),
    },
    {
      weight: 4,
      arbitrary: dataObject.chain((o) =>
        fc.tuple(idFor(pool, o), withOneFlaw(validRecord(pool, o, true)), headers).map(([id, body, h]) => ({
          method: 'PATCH' as const,
          path: `/data/${seg(o)}/${seg(id)}`,
          body,
          headers: h,
        })),
      ),
    },
    {
      weight: 2,
      arbitrary: dataObject.chain((o) =>
        fc.tuple(idFor(pool, o), listOptions(pool, o)).map(([id, { fields, expand }]) => ({
          method: 'GET' as const,
          path: `/data/${seg(o)}/${seg(id)}${queryString({ fields, expand })}`,
        })),
      ),
    },
    {
      weight: 1,
      arbitrary: dataObject.chain((o) =>
        idFor(pool, o).map((id) => ({ method: 'DELETE' as const, path: `/data/${seg(o)}/${seg(id)}` })),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          idFor(pool, 'widget'),
          fc.oneof(fc.record({ ownerId: fc.oneof(fc.uuid(), oddString) }), hostile),
        )
        .map(([id, body]) => ({ method: 'POST' as const, path: `/data/widget/${seg(id)}/owner`, body })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          idFor(pool, 'widget'),
          fc.oneof(
            fc.record({
              userId: fc.oneof(fc.uuid(), oddString),
              access: fc.constantFrom('read', 'edit', 'own'),
            }),
            hostile,
          ),
        )
        .map(([id, body]) => ({ method: 'POST' as const, path: `/data/widget/${seg(id)}/shares`, body })),
    },
  );
}

/** Lists: filters, sorts, cursors, fields, expand and count, in the query string and in a query body. */
export function queryRequest(pool: FuzzPool): fc.Arbitrary<FuzzRequest> {
  return dataObject.chain((o) =>
    fc.oneof(
      listOptions(pool, o).map((options) => ({
        method: 'GET' as const,
        path: `/data/${seg(o)}${queryString(options)}`,
      })),
      listOptions(pool, o).map((body) => ({ method: 'POST' as const, path: `/data/${seg(o)}/query`, body })),
    ),
  );
}

/** Bulk creates, updates and upserts: valid batches with one flaw in the request, an item or an upsert key. */
export function bulkRequest(pool: FuzzPool): fc.Arbitrary<FuzzRequest> {
  return dataObject.chain((o) => {
    const create = fc.array(withOneFlaw(validRecord(pool, o)), { minLength: 1, maxLength: 10 });
    const update = fc.array(
      fc
        .tuple(idFor(pool, o), withOneFlaw(validRecord(pool, o, true)))
        .map(([id, r]) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? { ...r, id } : r)),
      { minLength: 1, maxLength: 10 },
    );
    const body = fc.oneof(
      create.map((records) => ({ operation: 'create', records })),
      update.map((records) => ({ operation: 'update', records })),
      fc
        .tuple(
          create,
          fc.oneof(
            { weight: 4, arbitrary: fc.constant('code') },
            { weight: 1, arbitrary: fc.oneof(oddString, junk) },
          ),
        )
        .map(([records, upsertKey]) => ({ operation: 'upsert', upsertKey, records })),
    );
    const flawed = fc
      .tuple(
        body,
        fc.constantFrom('none', 'none', 'none', 'operation', 'records', 'whole', 'key'),
        hostile,
        oddString,
      )
      .map(([b, flaw, bad, key]) => {
        if (flaw === 'operation') return { ...b, operation: bad };
        if (flaw === 'records') return { ...b, records: bad };
        if (flaw === 'key') return { ...b, [key]: bad };
        if (flaw === 'whole') return bad;
        return b;
      });
    return flawed.map((b) => ({ method: 'POST' as const, path: `/data/${seg(o)}/bulk`, body: b }));
  });
}

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
      else if (change === 'flaw') (doc as unknown as Record<string, unknown>)[part] = bad;
      doc.required = (doc.required ?? []).filter((r) => Object.hasOwn(doc.properties, r));
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
