/**
 * Bad input that once reached the server's innards (a 500): each is now a 4xx problem with a stable code that
 * names the problem, and changes nothing. The fuzz test (fuzz.test.ts) looks for more of the same.
 */
import { type DocumentSet, PAGE_JSON_BUDGET } from '@tessera/engine';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const thing = object('thing', {
  code: text({ 'x-tessera': { field: 'text', unique: true } }),
  payload: { type: 'object', 'x-tessera': { field: 'json' } },
  price: { type: 'number', 'x-tessera': { field: 'number' } },
  made_on: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
});
const DOCS: DocumentSet = {
  objects: [thing],
  validationRules: [
    {
      kind: 'validation_rule',
      apiName: 'no_free_things',
      object: 'thing',
      formula: 'price < 0',
      message: { en: 'a thing has no negative price', 'zh-CN': '价格不能为负' },
    },
  ],
};

const problemOf = (res: TestResponse) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  code: res.body?.code,
  errors: (res.body?.errors ?? []).map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`),
});

describeEachDialect('bad input answered with a 4xx', (env) => {
  let api: TestApi | undefined;
  const start = async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    return api.call;
  };
  afterEach(async () => {
    await api?.server.close();
    api = undefined;
  });

  /** Every record of `thing`, in id order, and the metadata versions: what a refused request must leave alone. */
  const snapshot = async (call: TestApi['call']) => ({
    records: (await call('GET', '/api/v1/data/thing?limit=500&sort=id')).body.data,
    versions: (await call('GET', '/api/v1/meta/versions')).body.data.length,
    packages: (await call('GET', '/api/v1/meta/packages')).body.data,
  });

  it('refuses a bulk upsert whose key value is a list or an object, and writes none of the batch', async () => {
    const call = await start();
    await call('POST', '/api/v1/data/thing', { name: 'kept', code: 'K-1' });
    const before = await snapshot(call);
    const upsert = await call('POST', '/api/v1/data/thing/bulk', {
      operation: 'upsert',
      upsertKey: 'code',
      records: [
        { name: 'fine', code: 'K-1' },
        { name: 'list', code: ['K-1'] },
        { name: 'object', code: { eq: 'K-1' } },
      ],
    });
    expect(problemOf(upsert)).toEqual({
      status: 422,
      type: 'application/problem+json',
      code: 'validation_failed',
      errors: ['/records/1/code type', '/records/2/code type'],
    });
    expect(await snapshot(call)).toEqual(before);
  });

  it('checks the shape of every package document before anything walks it', async () => {
    const call = await start();
    const before = await snapshot(call);
    const install = (documents: unknown) =>
      call('POST', '/api/v1/meta/packages', { manifest: { name: 'shop', version: '1.0.0' }, documents });
    const bare = { type: 'object', 'x-tessera': { apiName: 'shop_item', nameField: 'name' } };
    expect(
      problemOf(await install({ objects: [{ ...bare, properties: { name: { type: 'string' } } }] })),
    ).toEqual({
      status: 422,
      type: 'application/problem+json',
      code: 'invalid_documents',
      errors: ['/shop_item/properties/name/x-tessera required'],
    });
    expect(problemOf(await install({ objects: [null] }))).toMatchObject({
      status: 422,
      code: 'invalid_documents',
      errors: ['/#0 type'],
    });
    expect(problemOf(await install({ objects: [], roles: [null, { kind: 'role' }] }))).toMatchObject({
      status: 422,
      code: 'invalid_documents',
      errors: ['/role#0 type', '/role#1/apiName required'],
    });
    expect(await snapshot(call)).toEqual(before);
  });

  it('installs a package that extends its dependency’s object, and refuses a malformed or trespassing extension', async () => {
    const call = await start();
    const item = { ...object('shop_item', {}), 'x-tessera': { apiName: 'shop_item', nameField: 'name' } };
    const shop = await call('POST', '/api/v1/meta/packages', {
      manifest: { name: 'shop', version: '1.0.0' },
      documents: { objects: [item] },
    });
    expect(shop.status).toBe(201);
    const before = await snapshot(call);
    const plus = (extensions: unknown) =>
      call('POST', '/api/v1/meta/packages', {
        manifest: { name: 'shop-plus', version: '1.0.0', dependencies: { shop: '^1.0.0' } },
        documents: {},
        extensions,
      });
    expect(problemOf(await plus('sku'))).toMatchObject({ status: 400, code: 'bad_package' });
    expect(problemOf(await plus([{ object: 'shop_item', properties: { sku: { type: 'string' } } }]))).toEqual(
      {
        status: 422,
        type: 'application/problem+json',
        code: 'invalid_documents',
        errors: ['/extension:shop_item/properties/sku/x-tessera required'],
      },
    );
    const taken = await plus([{ object: 'shop_item', properties: { name: text() } }]);
    expect(taken.body).toMatchObject({
      code: 'package_conflict',
      errors: [{ code: 'owned_by_other_package', message: 'field shop_item.name belongs to package shop' }],
    });
    expect(await snapshot(call)).toEqual(before);
    expect((await plus([{ object: 'shop_item', properties: { sku: text() } }])).status).toBe(201);
    expect((await call('GET', '/api/v1/meta/packages/shop-plus')).body.data.owns).toEqual({
      field: ['shop_item.sku'],
    });
  });

  it('refuses a deploy whose rule is over a malformed object by naming the object’s own problem', async () => {
    const call = await start();
    const before = await snapshot(call);
    const broken = {
      type: 'object',
      'x-tessera': { apiName: 'gadget', nameField: 'name' },
      properties: { name: text(), maker: {} },
    };
    const deployed = await call('POST', '/api/v1/meta/deploy', {
      objects: [broken],
      validationRules: [
        {
          kind: 'validation_rule',
          apiName: 'needs_maker',
          object: 'gadget',
          formula: 'ISBLANK(maker.name)',
          message: { en: 'who made it?' },
        },
      ],
    });
    expect(problemOf(deployed)).toEqual({
      status: 422,
      type: 'application/problem+json',
      code: 'invalid_documents',
      errors: ['/gadget/properties/maker/x-tessera required'],
    });
    // Junk among the documents is named by its place in the merged set (after the workspace's `thing`).
    const junk = await call('POST', '/api/v1/meta/deploy', {
      objects: [null, { ...broken, properties: { name: text() } }],
    });
    expect(problemOf(junk)).toMatchObject({ status: 422, code: 'invalid_documents', errors: ['/#1 type'] });
    expect(await snapshot(call)).toEqual(before);
  });

  it('reads names such as constructor and __proto__ as names, never as Object.prototype', async () => {
    const call = await start();
    const before = await snapshot(call);
    for (const name of ['constructor', '__proto__', 'toString']) {
      const patched = await call('PATCH', `/api/v1/meta/objects/thing/fields/${name}`, { apiName: 'x' });
      expect(problemOf(patched)).toMatchObject({ status: 404, code: 'unknown_field' });
      const deleted = await call('DELETE', `/api/v1/meta/objects/thing/fields/${name}`);
      expect(problemOf(deleted)).toMatchObject({ status: 404, code: 'unknown_field' });
      const asset = await call('GET', `/docs/assets/${name}`, undefined, { authorization: '' });
      expect(asset.status).toBe(404);
    }
    const proto = await call('POST', '/api/v1/meta/objects/thing/fields', {
      apiName: '__proto__',
      schema: text(),
    });
    expect(problemOf(proto)).toMatchObject({ status: 422, code: 'invalid_documents' });
    expect(await snapshot(call)).toEqual(before);

    // `constructor` is a good field name: added, required, renamed, like any other.
    const added = await call('POST', '/api/v1/meta/objects/thing/fields', {
      apiName: 'constructor',
      schema: text(),
      required: true,
    });
    expect(added.status).toBe(201);
    const missing = await call('POST', '/api/v1/data/thing', { name: 'no maker' });
    expect(problemOf(missing)).toMatchObject({ status: 422, errors: ['/constructor required'] });
    const made = await call('POST', '/api/v1/data/thing', { name: 'made', constructor: 'Ada' });
    expect(made.body.data.constructor).toBe('Ada');
    const renamed = await call('PATCH', '/api/v1/meta/objects/thing/fields/constructor', {
      apiName: 'maker',
    });
    expect(renamed.status).toBe(200);
    expect((await call('GET', `/api/v1/data/thing/${made.body.data.id}`)).body.data.maker).toBe('Ada');

    // The language a rule message is given in comes from the request: a tag that names a prototype member too.
    const refused = await call(
      'POST',
      '/api/v1/data/thing',
      { name: 'x', maker: 'y', price: -1 },
      {
        'accept-language': 'constructor',
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toBe('a thing has no negative price');
  });

  it('takes a filter of 66 lists of 500 values, within the documented limits', async () => {
    const call = await start();
    const made = await call('POST', '/api/v1/data/thing', {
      name: 'needle',
      code: 'v-499',
      price: 499,
      made_on: '2026-01-31',
    });
    await call('POST', '/api/v1/data/thing', { name: 'hay', code: 'hay', price: 7 });
    // 500 values each, the last one of each list the one that matters.
    const values = (make: (i: number) => unknown, last: unknown) => [
      ...Array.from({ length: 499 }, (_, i) => make(i)),
      last,
    ];
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const lists = [
      ...Array.from({ length: 63 }, () => ({ code: { in: values((i) => `v-${i + 500}`, 'v-499') } })),
      { price: { in: values((i) => i + 1000, 499) } },
      { made_on: { in: values(day, '2026-01-31') } },
      { name: { nin: values((i) => `hay-${i}`, 'hay') } },
    ];
    expect(lists).toHaveLength(66);
    const found = await call('POST', '/api/v1/data/thing/query', {
      filter: { and: lists },
      fields: ['name'],
    });
    expect([found.status, found.body.data]).toEqual([200, [{ id: made.body.data.id, name: 'needle' }]]);
    const counted = await call('POST', '/api/v1/data/thing/query', { filter: { and: lists }, count: true });
    expect(counted.body.page.total).toBe(1);
  });

  it('refuses a lone UTF-16 surrogate in text and json values alike on both dialects', async () => {
    const call = await start();
    const before = await snapshot(call);
    for (const body of [
      { name: 'json value', payload: { note: 'half \ud800 a character' } },
      { name: 'json key', payload: { '\udc00': 1 } },
      { name: 'nested', payload: { list: [{ deep: ['\ud83d'] }] } },
      { name: 'text \udfff' },
    ]) {
      const res = await call('POST', '/api/v1/data/thing', body);
      expect(problemOf(res)).toMatchObject({ status: 422, code: 'validation_failed' });
      expect(res.body.errors[0]).toMatchObject({ code: 'lone_surrogate' });
    }
    expect(await snapshot(call)).toEqual(before);
    // A whole character made of two surrogates is text like any other, and comes back as written.
    const emoji = await call('POST', '/api/v1/data/thing', { name: 'rocket 🚀', payload: { '🚀': '🚀' } });
    expect(emoji.status).toBe(201);
    expect((await call('GET', `/api/v1/data/thing/${emoji.body.data.id}`)).body.data).toMatchObject({
      name: 'rocket 🚀',
      payload: { '🚀': '🚀' },
    });
  });

  it('ends a page early, with a cursor to the rest, before its records pass the JSON budget', async () => {
    const call = await start();
    // 20 records of about 0.9 MB: 18 MB in all, over the 16 MiB one page may hold.
    const blob = 'x'.repeat(900_000);
    for (let i = 0; i < 20; i++) {
      const made = await call('POST', '/api/v1/data/thing', { name: `big ${i}`, payload: { blob } });
      expect(made.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, unknown> = { limit: 500, fields: ['name', 'payload'] };
      if (cursor) query.cursor = cursor;
      const page = await call('POST', '/api/v1/data/thing/query', query);
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.body.data).length).toBeLessThanOrEqual(PAGE_JSON_BUDGET);
      seen.push(...page.body.data.map((r: { name: string }) => r.name));
      cursor = page.body.page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `big ${i}`).sort());
  });

  it('refuses a forged cursor whose values do not fit the sort fields (found by the fuzz test)', async () => {
    const call = await start();
    for (let i = 0; i < 3; i++) await call('POST', '/api/v1/data/thing', { name: `t${i}`, price: i });
    const forged = (values: unknown[]) =>
      Buffer.from(JSON.stringify({ s: '-price,id', v: values })).toString('base64url');
    for (const values of [
      [true, false],
      ['cheap', 'not-an-id'],
      [1, 7],
    ]) {
      const res = await call('GET', `/api/v1/data/thing?sort=-price&cursor=${forged(values)}`);
      expect(problemOf(res)).toMatchObject({
        status: 400,
        code: 'invalid_query',
        errors: ['/cursor bad_cursor'],
      });
    }
    // A cursor the API made still pages on.
    const first = await call('GET', '/api/v1/data/thing?sort=-price&limit=2&fields=price');
    const next = await call(
      'GET',
      `/api/v1/data/thing?sort=-price&limit=2&fields=price&cursor=${first.body.page.nextCursor}`,
    );
    expect([...first.body.data, ...next.body.data].map((r: { price: number }) => r.price)).toEqual([2, 1, 0]);
  });

  it('answers a URL over the header limit with a problem document that points at the query body', async () => {
    const call = await start();
    const filter = encodeURIComponent(
      JSON.stringify({ code: { in: Array.from({ length: 500 }, (_, i) => `code-${'x'.repeat(30)}-${i}`) } }),
    );
    const res = await call('GET', `/api/v1/data/thing?filter=${filter}`);
    expect(problemOf(res)).toMatchObject({
      status: 431,
      type: 'application/problem+json',
      code: 'headers_too_large',
    });
    expect(res.body.detail).toContain('POST /data/{object}/query');
    expect((await call('GET', '/api/v1/health')).status).toBe(200);
  });
});
