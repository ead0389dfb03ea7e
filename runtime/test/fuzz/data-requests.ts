/** Requests of the data API: single records, lists (filters, sorts, cursors, fields, expand, count) and bulk writes. */
import type { FieldType, PropertyDocument } from '@tessera/engine';
import fc from 'fast-check';
import { fieldTypeDef } from '../../../engine/src/fields/registry.js';
import { SCRATCH_OBJECTS } from './fixture.js';
import {
  day,
  type FuzzPool,
  type FuzzRequest,
  filterJunk,
  headers,
  hostile,
  idFor,
  idOf,
  junk,
  odd,
  oddString,
  pick,
  primitive,
  seg,
  validRecord,
  validValue,
  withOneFlaw,
} from './values.js';

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

const dataObject = odd(fc.constantFrom('widget', 'widget', 'widget', 'part', 'account', ...SCRATCH_OBJECTS));
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
