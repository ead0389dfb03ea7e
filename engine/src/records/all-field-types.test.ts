import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, set } from '../../test/documents.js';
import type { ObjectDocument, PropertyDocument } from '../index.js';

const options = (...values: string[]) =>
  values.map((value) => ({ value, label: { en: value, 'zh-CN': value } }));

/** One object with every v1 field type. */
const FIELDS: Record<string, PropertyDocument> = {
  textarea: { type: 'string', maxLength: 4000, 'x-tessera': { field: 'textarea' } },
  richtext: { type: 'string', 'x-tessera': { field: 'richtext' } },
  integer: { type: 'integer', 'x-tessera': { field: 'integer' } },
  number: { type: 'number', 'x-tessera': { field: 'number' } },
  currency: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  fine_currency: { type: 'number', 'x-tessera': { field: 'currency', scale: 4 } },
  percent: { type: 'number', 'x-tessera': { field: 'percent', scale: 2 } },
  boolean: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
  date: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
  datetime: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
  time: { type: 'string', format: 'time', 'x-tessera': { field: 'time' } },
  email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
  phone: { type: 'string', 'x-tessera': { field: 'phone' } },
  url: { type: 'string', format: 'uri', 'x-tessera': { field: 'url' } },
  picklist: {
    type: 'string',
    enum: ['active', 'retired'],
    'x-tessera': { field: 'picklist', options: options('active', 'retired') },
  },
  multipicklist: {
    type: 'array',
    items: { type: 'string', enum: ['red', 'green', 'blue'] },
    uniqueItems: true,
    'x-tessera': { field: 'multipicklist', options: options('red', 'green', 'blue') },
  },
  lookup: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
  master_detail: {
    type: 'string',
    format: 'uuid',
    'x-tessera': { field: 'master_detail', target: 'account' },
  },
  formula: {
    type: 'number',
    readOnly: true,
    'x-tessera': { field: 'formula', returns: 'number', formula: 'integer * 2' },
  },
  autonumber: {
    type: 'string',
    readOnly: true,
    'x-tessera': { field: 'autonumber', format: 'AST-{YYYY}-{0000}' },
  },
  geolocation: { type: 'object', 'x-tessera': { field: 'geolocation' } },
  json: { type: 'object', 'x-tessera': { field: 'json' } },
};

const account: ObjectDocument = object('account', {
  child_count: {
    type: 'number',
    readOnly: true,
    'x-tessera': { field: 'rollup', summarizedObject: 'everything', function: 'count' },
  },
});
const everything = object('everything', FIELDS, ['master_detail']);

const VALUES = {
  name: '设备 ✓ Ünïcödé 🚀',
  textarea: 'line 1\nline 2\t"quoted" \'single\' \\ backslash; -- drop table everything;',
  richtext: '<p>Hello <b>world</b> <a href="https://example.com">link</a></p>',
  integer: Number.MAX_SAFE_INTEGER,
  number: 0.30000000000000004,
  currency: 12345678.99,
  fine_currency: -0.0001,
  percent: 12.5,
  boolean: false,
  date: '2024-02-29',
  datetime: '2024-03-31T23:30:00.000Z',
  time: '23:59:59',
  email: 'li.lei@example.cn',
  phone: '+862155501234',
  url: 'https://example.com/path?q=1&r=%E4%B8%AD',
  picklist: 'retired',
  multipicklist: ['blue', 'red'],
  geolocation: { lat: 31.230416, lng: 121.473701 },
  json: { nested: { list: [1, 'two', null, true], 中文: '值' }, empty: {} },
};

describeEachDialect('every field type', (env) => {
  it('round-trips a record exactly', async () => {
    const ws = await env.open();
    await ws.deploy(set(account, everything));
    const parent = await ws.records.insert('account', { name: 'Parent' });
    const input = { ...VALUES, lookup: parent.id, master_detail: parent.id };
    const created = await ws.records.insert('everything', input);
    const read = await ws.records.get('everything', created.id as string);
    expect(read).toEqual(created);
    expect(read).toMatchObject(input);
    // The formula is computed on write and on read alike; the auto-number is the first of its counter.
    expect(read.formula).toBe((VALUES.integer as number) * 2);
    expect(read.autonumber).toMatch(/^AST-\d{4}-0001$/);
    expect(read.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(read.version).toBe(1);
    expect(Date.parse(read.created_at as string)).toBeLessThanOrEqual(Date.now());
    const [listed] = await ws.records.list('everything', { filter: { id: { eq: created.id } } });
    expect(listed).toEqual(read);
  });

  it('normalizes what has one canonical form, and says so in the docs', async () => {
    const ws = await env.open();
    await ws.deploy(set(account, everything));
    const parent = await ws.records.insert('account', { name: 'P' });
    const created = await ws.records.insert('everything', {
      name: 'n',
      master_detail: parent.id?.toString().toUpperCase(),
      datetime: '2024-04-01T07:30:00+08:00',
      time: '09:30',
      phone: '+86 (21) 555-01234',
      email: '  Li.Lei@EXAMPLE.CN ',
      richtext: '<p onclick="steal()">Hi<script>alert(1)</script></p>',
    });
    expect(created).toMatchObject({
      master_detail: parent.id,
      datetime: '2024-03-31T23:30:00.000Z',
      time: '09:30:00',
      phone: '+862155501234',
      email: 'Li.Lei@example.cn',
      richtext: '<p>Hi</p>',
    });
    expect(await ws.records.get('everything', created.id as string)).toEqual(created);
  });

  it('keeps dates as dates in every time zone, and money exact in SQL sums', async () => {
    const ws = await env.open();
    await ws.deploy(set(account, everything));
    const parent = await ws.records.insert('account', { name: 'P' });
    await ws.records.insertMany(
      'everything',
      [0.1, 0.1, 0.1].map((currency) => ({
        name: 'm',
        master_detail: parent.id,
        currency,
        date: '2024-03-31',
      })),
    );
    const zone = process.env.TZ;
    try {
      // Date-only values never pass through a Date: the process's zone cannot shift them.
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        const rows = await ws.records.list('everything', { filter: { date: { eq: '2024-03-31' } } });
        expect(rows.map((r) => r.date)).toEqual(['2024-03-31', '2024-03-31', '2024-03-31']);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // The sum is computed by the database over the stored representation: cents on SQLite, numeric on PostgreSQL.
    const result = await sql<{ total: unknown }>`select sum(currency) as total from everything`.execute(
      ws.storage.db,
    );
    const total = result.rows[0]?.total;
    expect(ws.storage.dialect === 'sqlite' ? Number(total) / 100 : Number(total)).toBe(0.3);
    expect(String(total)).toBe(ws.storage.dialect === 'sqlite' ? '30' : '0.3');
    expect(
      await ws.records.list('everything', { filter: { currency: { gte: 0.1, lte: 0.1 } } }),
    ).toHaveLength(3);
  });

  it('refuses U+0000 inside JSON values alike on both dialects, and keeps a written backslash-u', async () => {
    const ws = await env.open();
    await ws.deploy(set(account, everything));
    const parent = await ws.records.insert('account', { name: 'P' });
    for (const json of [{ a: 'x\u0000y' }, { nested: ['\u0000'] }, { 'k\u0000': 1 }])
      await expect(
        ws.records.insert('everything', { name: 'n', master_detail: parent.id, json }),
      ).rejects.toMatchObject({
        issues: [{ pointer: '/json', code: 'nul_character' }],
      });
    const literal = { text: 'a \\u0000 b' };
    const created = await ws.records.insert('everything', {
      name: 'n',
      master_detail: parent.id,
      json: literal,
    });
    expect((await ws.records.get('everything', created.id as string)).json).toEqual(literal);
  });
});
