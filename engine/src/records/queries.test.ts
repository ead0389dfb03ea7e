import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, set, text } from '../../test/documents.js';
import type { RecordData, Workspace } from '../index.js';

const STORE = object('store', {
  city: text(),
  visits: { type: 'integer', 'x-tessera': { field: 'integer' } },
  open: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
  revenue: { type: 'number', 'x-tessera': { field: 'currency' } },
  channel: {
    type: 'string',
    enum: ['kа', 'supermarket', 'convenience'],
    'x-tessera': {
      field: 'picklist',
      options: [{ value: 'kа' }, { value: 'supermarket' }, { value: 'convenience' }],
    },
  },
  tags: {
    type: 'array',
    items: { type: 'string', enum: ['vip', 'new', 'rural'] },
    uniqueItems: true,
    'x-tessera': {
      field: 'multipicklist',
      options: [{ value: 'vip' }, { value: 'new' }, { value: 'rural' }],
    },
  },
  notes: { type: 'string', maxLength: 2000, 'x-tessera': { field: 'textarea' } },
});

const ROWS = [
  {
    name: 'Alpha',
    city: 'Shanghai',
    visits: 5,
    open: true,
    revenue: 100.5,
    channel: 'supermarket',
    tags: ['vip'],
  },
  {
    name: 'beta',
    city: 'shanghai',
    visits: 12,
    open: false,
    revenue: 20,
    channel: 'convenience',
    tags: ['new', 'vip'],
  },
  { name: 'Gamma 100%', city: 'Beijing', visits: 0, open: true, revenue: 0.1, channel: null, tags: [] },
  {
    name: 'Delta_1',
    city: null,
    visits: null,
    open: null,
    revenue: null,
    channel: 'supermarket',
    tags: null,
  },
  {
    name: "O'Brien; drop table store; --",
    city: '上海',
    visits: 7,
    open: true,
    revenue: 7,
    channel: 'convenience',
  },
];

describeEachDialect('record queries', (env) => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(set(STORE));
    await ws.records.insertMany('store', ROWS);
  });
  const names = async (options: Parameters<Workspace['records']['list']>[1]) =>
    ((await ws.records.list('store', options)) as RecordData[]).map((r) => r.name).sort();

  it.each([
    [{ city: { eq: 'Shanghai' } }, ['Alpha']],
    [{ city: { ne: 'Shanghai' } }, ['Delta_1', 'Gamma 100%', "O'Brien; drop table store; --", 'beta']],
    [{ visits: { gt: 5 } }, ['beta', "O'Brien; drop table store; --"]],
    [{ visits: { gte: 5, lt: 12 } }, ['Alpha', "O'Brien; drop table store; --"]],
    [{ visits: { lte: 0 } }, ['Gamma 100%']],
    [{ channel: { in: ['convenience'] } }, ["O'Brien; drop table store; --", 'beta']],
    [{ channel: { nin: ['convenience'] } }, ['Alpha', 'Delta_1', 'Gamma 100%']],
    [{ city: { contains: 'HANG' } }, ['Alpha', 'beta']],
    [{ name: { contains: '%' } }, ['Gamma 100%']],
    [{ name: { contains: '_' } }, ['Delta_1']],
    [{ name: { startsWith: 'b' } }, ['beta']],
    [{ city: { isNull: true } }, ['Delta_1']],
    [{ open: { eq: false } }, ['beta']],
    [{ revenue: { gte: 0.1, lt: 20 } }, ['Gamma 100%', "O'Brien; drop table store; --"]],
    [{ tags: { contains: 'vip' } }, ['Alpha', 'beta']],
    [{ name: { eq: "O'Brien; drop table store; --" } }, ["O'Brien; drop table store; --"]],
    [{ city: { eq: '上海' } }, ["O'Brien; drop table store; --"]],
    [{ or: [{ visits: { eq: 0 } }, { city: { eq: 'Shanghai' } }] }, ['Alpha', 'Gamma 100%']],
    [{ not: { open: { eq: true } } }, ['beta']],
    [
      { and: [{ open: { eq: true } }, { not: { city: { eq: 'Beijing' } } }] },
      ['Alpha', "O'Brien; drop table store; --"],
    ],
    [{ created_at: { gte: '2000-01-01T00:00:00Z' }, visits: { gt: 10 } }, ['beta']],
  ])('filter %j', async (filter, expected) => {
    expect(await names({ filter })).toEqual([...expected].sort());
  });

  it('sorts by several keys, empty values as the largest on both dialects, ties broken by id', async () => {
    const rows = await ws.records.list('store', { sort: '-open,visits', fields: ['open', 'visits'] });
    expect(rows.map((r) => [r.open, r.visits])).toEqual([
      [null, null],
      [true, 0],
      [true, 5],
      [true, 7],
      [false, 12],
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'open', 'visits']);
    const byCity = await ws.records.list('store', { sort: 'city', fields: ['city'] });
    // (Letter case order depends on the database's collation; where the empty one goes does not.)
    expect(byCity.map((r) => r.city)[0]).toBe('Beijing');
    expect(byCity.map((r) => r.city).at(-1)).toBeNull();
    const twice = await ws.records.list('store', { sort: 'channel' });
    expect((await ws.records.list('store', { sort: 'channel' })).map((r) => r.id)).toEqual(
      twice.map((r) => r.id),
    );
  });

  it('limits: default 50, at most 500', async () => {
    expect(await ws.records.list('store', { limit: 2 })).toHaveLength(2);
    for (const limit of [0, 501, 1.5, -1])
      await expect(ws.records.list('store', { limit })).rejects.toMatchObject({ code: 'invalid_query' });
  });

  it.each([
    [{ colour: { eq: 'red' } }, '/filter/colour', 'unknown_field'],
    [{ city: { like: 'x' } }, '/filter/city/like', 'unknown_operator'],
    [{ open: { gt: true } }, '/filter/open/gt', 'operator_not_allowed'],
    [{ tags: { eq: 'vip' } }, '/filter/tags/eq', 'operator_not_allowed'],
    [{ visits: { eq: 'abc' } }, '/filter/visits/eq', 'bad_value'],
    [{ channel: { eq: 'nope' } }, '/filter/channel/eq', 'bad_value'],
    [{ visits: { in: [] } }, '/filter/visits/in', 'bad_value'],
    [{ visits: { in: Array.from({ length: 501 }, (_, i) => i) } }, '/filter/visits/in', 'bad_value'],
    [{ city: { isNull: 'yes' } }, '/filter/city/isNull', 'bad_value'],
    [{ city: 'Shanghai' }, '/filter/city', 'bad_filter'],
    [{ or: {} }, '/filter/or', 'bad_filter'],
    [[1, 2], '/filter', 'bad_filter'],
    [
      { or: Array.from({ length: 101 }, (_, i) => ({ visits: { eq: i } })) },
      '/filter/or/100/visits/eq',
      'too_many_conditions',
    ],
  ])('rejects the filter %j at %s', async (filter, pointer, code) => {
    const error = await ws.records.list('store', { filter }).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_query', issues: [{ pointer, code }] });
  });

  it('rejects filters nested too deep, and ten thousand conditions, cheaply', async () => {
    let deep: Record<string, unknown> = { visits: { eq: 1 } };
    for (let i = 0; i < 50; i++) deep = { not: deep };
    await expect(ws.records.list('store', { filter: deep })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'too_deep' })],
    });
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`or${i}`, { eq: 1 }]));
    await expect(ws.records.list('store', { filter: { and: [wide] } })).rejects.toMatchObject({
      code: 'invalid_query',
    });
  });

  it('rejects unknown and unsortable sort keys and unknown fields', async () => {
    await expect(ws.records.list('store', { sort: 'colour' })).rejects.toMatchObject({
      issues: [{ pointer: '/sort', code: 'unknown_field' }],
    });
    await expect(ws.records.list('store', { sort: '-tags' })).rejects.toMatchObject({
      issues: [{ pointer: '/sort', code: 'not_sortable' }],
    });
    await expect(ws.records.list('store', { fields: ['name', 'colour'] })).rejects.toMatchObject({
      issues: [{ pointer: '/fields', code: 'unknown_field' }],
    });
    await expect(ws.records.list('nothing')).rejects.toMatchObject({ code: 'unknown_object' });
  });
});
