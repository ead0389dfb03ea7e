/**
 * The building blocks of the fuzz test's requests: odd strings and numbers, junk JSON, values each field type
 * accepts, records with at most one flaw, junk filters, odd path segments and headers.
 */
import type { FieldType, ObjectDocument, PropertyDocument } from '@tessera/engine';
import fc from 'fast-check';
import { fieldTypeDef } from '../../../engine/src/fields/registry.js';
import { FUZZ_FIELDS } from './fixture.js';

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

export const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true });
export const pick = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
export const idOf = (pool: FuzzPool, object: string) =>
  fc.nat().map((i) => pick(pool.ids.get(object) ?? [], i));

/** A value a field of this definition accepts. */
export function validValue(prop: PropertyDocument, pool: FuzzPool): fc.Arbitrary<unknown> {
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
      return fc.constantFrom('https://example.com/a?b=c', 'http://example.cn/a-b', 'https://a.b/');
    case 'phone':
      return fc.constantFrom('+86 21 5550 1234', '(555) 010-9999');
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
      return fc.dictionary(
        fc.string({ maxLength: 6 }),
        fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.boolean()),
        { maxKeys: 3 },
      );
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
export function validRecord(
  pool: FuzzPool,
  object: string,
  partial = false,
): fc.Arbitrary<Record<string, unknown>> {
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
export function withOneFlaw(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
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

export const primitive = fc.oneof(
  oddString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'startsWith', 'isNull'];
export const fieldName = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('id', 'name', 'created_at', 'owner_id', ...Object.keys(FUZZ_FIELDS)),
  },
  { weight: 1, arbitrary: oddString },
);

/** A filter with junk in its structure, field names, operators and values (and lists past the limit). */
export const filterJunk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
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

export const odd = <T>(common: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: common }, { weight: 1, arbitrary: oddString });

/**
 * A path segment, percent-encoded. A lone surrogate, which encodeURIComponent refuses, goes as the bytes a
 * careless encoder would make of it (invalid UTF-8): the server must cope with those too.
 */
export const seg = (s: string) =>
  s.replace(/\p{Surrogate}|[^\p{Surrogate}]+/gu, (part) => {
    if (!/\p{Surrogate}/u.test(part)) return encodeURIComponent(part);
    const c = part.charCodeAt(0);
    return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join('');
  });

/** Headers, now and then: each may be odd. */
export const headers = fc.option(
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

export const idFor = (pool: FuzzPool, object: string) =>
  fc.oneof(
    { weight: 6, arbitrary: idOf(pool, object).map((id) => id ?? 'none') },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: oddString },
  );
