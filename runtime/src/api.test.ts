import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, set, text } from '../../engine/test/documents.js';
import { postOversized, serveForTest, type TestApi } from '../test/server.js';

const DOCS = set(
  object('account', { city: text() }),
  object(
    'equipment_asset',
    {
      serial_no: text({ maxLength: 64, 'x-tessera': { field: 'text', unique: true } }),
      status: {
        type: 'string',
        enum: ['active', 'retired'],
        default: 'active',
        'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
      },
      price: { type: 'number', 'x-tessera': { field: 'currency' } },
      customer_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
    },
    ['serial_no'],
  ),
);

describeEachDialect('HTTP API', (env) => {
  let api: TestApi | undefined;
  const start = async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    return api;
  };
  afterEach(async () => {
    await api?.server.close().catch(() => {});
    api = undefined;
  });

  it('creates, reads, lists, updates with If-Match, and deletes records', async () => {
    const { call } = await start();
    const account = await call('POST', '/api/v1/data/account', { name: 'Acme', city: '上海' });
    expect(account.status).toBe(201);
    const created = await call('POST', '/api/v1/data/equipment_asset', {
      name: 'Pump',
      serial_no: 'SN-1',
      price: 1250.5,
      customer_id: account.body.data.id,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/api/v1/data/equipment_asset/${created.body.data.id}`);
    expect(created.body.data).toMatchObject({
      serial_no: 'SN-1',
      status: 'active',
      price: 1250.5,
      version: 1,
    });
    const id = created.body.data.id;

    const got = await call(
      'GET',
      `/api/v1/data/equipment_asset/${id}?expand=customer_id&fields=name,customer_id`,
    );
    expect(got.body.data).toEqual({
      id,
      name: 'Pump',
      customer_id: account.body.data.id,
      _expanded: { customer_id: account.body.data },
    });

    const filter = encodeURIComponent(JSON.stringify({ price: { gte: 1000 } }));
    const listed = await call(
      'GET',
      `/api/v1/data/equipment_asset?filter=${filter}&sort=-created_at&count=true&limit=1`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ data: [{ id }], page: { nextCursor: null, total: 1 } });
    const queried = await call('POST', '/api/v1/data/equipment_asset/query', {
      filter: { status: { eq: 'active' } },
      fields: ['name'],
    });
    expect(queried.body.data).toEqual([{ id, name: 'Pump' }]);

    const stale = await call(
      'PATCH',
      `/api/v1/data/equipment_asset/${id}`,
      { status: 'retired' },
      { 'if-match': '"7"' },
    );
    expect(stale.status).toBe(412);
    const patched = await call(
      'PATCH',
      `/api/v1/data/equipment_asset/${id}`,
      { status: 'retired' },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body.data).toMatchObject({ status: 'retired', version: 2 });

    expect((await call('DELETE', `/api/v1/data/equipment_asset/${id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/data/equipment_asset/${id}`)).status).toBe(404);
  });

  it('answers every error as a problem document with the right status', async () => {
    const { call, server } = await start();
    const asProblem = (
      r: { status: number; headers: Headers; body: { status: number; code: string } },
      status: number,
      code: string,
    ) => {
      expect(r.status).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({
        status,
        code,
        type: expect.stringContaining(code),
        title: expect.any(String),
      });
    };
    asProblem(
      await call('GET', '/api/v1/data/account', undefined, { authorization: '' }),
      401,
      'unauthorized',
    );
    asProblem(
      await call('GET', '/api/v1/data/account', undefined, { authorization: 'Bearer wrong' }),
      401,
      'unauthorized',
    );
    asProblem(await call('GET', '/api/v1/data/nothing'), 404, 'unknown_object');
    asProblem(await call('GET', '/api/v1/nowhere'), 404, 'not_found');
    asProblem(await call('GET', '/api/v1/data/account/not-a-uuid'), 404, 'record_not_found');
    asProblem(await call('POST', '/api/v1/data/account', '{"name": '), 415, 'unsupported_media_type');
    asProblem(
      await call('POST', '/api/v1/data/account', '{"name": ', { 'content-type': 'application/json' }),
      400,
      'malformed_json',
    );
    const oversized = await postOversized(`${server.url}/api/v1/data/account`, `"${'x'.repeat(2_000_000)}"`);
    expect([oversized.status, oversized.type, JSON.parse(oversized.body).code]).toEqual([
      413,
      'application/problem+json',
      'body_too_large',
    ]);
    // A package carries its seed data: its install may send more (here it reaches the engine, which names the file).
    const seeded = await postOversized(
      `${server.url}/api/v1/meta/packages?dryRun=true`,
      JSON.stringify({
        manifest: { name: 'big', version: '1.0.0' },
        documents: {},
        data: [{ file: 'data/nothing.csv', text: `name\n${'x'.repeat(2_000_000)}\n` }],
      }),
    );
    expect([seeded.status, JSON.parse(seeded.body).code]).toEqual([422, 'invalid_seed_data']);
    asProblem(await call('GET', '/api/v1/data/account?limit=1000000'), 400, 'invalid_query');
    asProblem(await call('GET', '/api/v1/data/account?filter=%7Bnot-json'), 400, 'bad_parameter');
    asProblem(await call('GET', '/api/v1/data/account?sort=colour'), 400, 'invalid_query');
    asProblem(await call('GET', '/api/v1/data/account?colour=red'), 400, 'unknown_parameter');

    const invalid = await call('POST', '/api/v1/data/equipment_asset', {
      name: 'x'.repeat(200),
      status: 'lost',
      colour: 1,
      version: 3,
    });
    asProblem(invalid, 422, 'validation_failed');
    expect(
      invalid.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort(),
    ).toEqual(['colour:unknown', 'name:maxLength', 'serial_no:required', 'status:enum', 'version:readOnly']);
    await call('POST', '/api/v1/data/equipment_asset', { name: 'a', serial_no: 'DUP' });
    const duplicate = await call('POST', '/api/v1/data/equipment_asset', { name: 'b', serial_no: 'DUP' });
    asProblem(duplicate, 409, 'unique_violation');
    expect(duplicate.body.errors).toEqual([expect.objectContaining({ field: 'serial_no', code: 'unique' })]);
    // Still serving after all that.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  it('changes metadata live: add a field, write it at once, see the plan first', async () => {
    const { call } = await start();
    const field = {
      apiName: 'warranty_end',
      schema: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
    };
    const dry = await call('POST', '/api/v1/meta/objects/equipment_asset/fields?dryRun=true', field);
    expect(dry.status).toBe(200);
    expect(dry.body.meta).toMatchObject({
      applied: false,
      plan: [{ kind: 'add_field', field: 'warranty_end' }],
    });
    const added = await call('POST', '/api/v1/meta/objects/equipment_asset/fields', field, {
      'if-match': '"1"',
    });
    expect(added.status).toBe(201);
    expect(added.body.meta).toMatchObject({ version: 2, applied: true });
    const written = await call('POST', '/api/v1/data/equipment_asset', {
      name: 'x',
      serial_no: 'S',
      warranty_end: '2030-01-31',
    });
    expect(written.body.data.warranty_end).toBe('2030-01-31');
    const conflict = await call(
      'POST',
      '/api/v1/meta/objects/equipment_asset/fields',
      { ...field, apiName: 'other' },
      { 'if-match': '"1"' },
    );
    expect(conflict.status).toBe(409);
    const renamed = await call('PATCH', '/api/v1/meta/objects/equipment_asset/fields/warranty_end', {
      apiName: 'warranty_until',
    });
    expect(renamed.body.meta.plan).toMatchObject([
      { kind: 'rename_field', from: 'warranty_end', field: 'warranty_until' },
    ]);
    const list = await call('GET', '/api/v1/data/equipment_asset?fields=warranty_until');
    expect(list.body.data).toEqual([{ id: written.body.data.id, warranty_until: '2030-01-31' }]);
    const bad = await call('PUT', '/api/v1/meta/objects/Bad', {
      type: 'object',
      'x-tessera': { apiName: 'Bad', nameField: 'x' },
      properties: {},
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect((await call('DELETE', '/api/v1/meta/objects/equipment_asset/fields/price')).status).toBe(200);
    expect(
      (await call('GET', '/api/v1/meta/objects/equipment_asset')).body.data.properties,
    ).not.toHaveProperty('price');
    expect((await call('GET', '/api/v1/meta/versions')).body.data).toHaveLength(4);
  });

  it('writes in bulk, all or nothing, one result per item', async () => {
    const { call } = await start();
    const ok = await call('POST', '/api/v1/data/equipment_asset/bulk', {
      operation: 'upsert',
      upsertKey: 'serial_no',
      records: [
        { name: 'A', serial_no: 'S-1' },
        { name: 'B', serial_no: 'S-2' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [0, 'created'],
      [1, 'created'],
    ]);
    const refused = await call('POST', '/api/v1/data/equipment_asset/bulk', {
      operation: 'upsert',
      upsertKey: 'serial_no',
      records: [{ name: 'A2', serial_no: 'S-1' }, { serial_no: 'S-3' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'name', pointer: '/records/1/name', code: 'required' }),
    ]);
    const list = await call('GET', '/api/v1/data/equipment_asset?sort=serial_no&fields=name');
    expect(list.body.data.map((r: { name: string }) => r.name)).toEqual(['A', 'B']);
    expect(
      (await call('POST', '/api/v1/data/equipment_asset/bulk', { operation: 'create', records: [] })).status,
    ).toBe(400);
  });

  it('serves its OpenAPI document, generated from the current metadata', async () => {
    const { call } = await start();
    const first = await call('GET', '/api/v1/openapi.json');
    expect(first.status).toBe(200);
    expect(first.body.openapi).toBe('3.1.0');
    expect(first.body.paths).toHaveProperty('/api/v1/data/equipment_asset/{id}');
    await call('PUT', '/api/v1/meta/objects/vending_machine', {
      type: 'object',
      'x-tessera': { apiName: 'vending_machine', nameField: 'name' },
      properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } },
    });
    const second = await call('GET', '/api/v1/openapi.json');
    expect(second.body.components.schemas).toHaveProperty('VendingMachineCreate');
    expect((await call('GET', '/api/v1/openapi.json', undefined, { authorization: '' })).status).toBe(401);
    const page = await call('GET', '/docs', undefined, { authorization: '' });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=UTF-8']);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    for (const file of ['standalone.js', 'docs.js']) {
      expect(page.body).toContain(`<script src="/docs/assets/${file}"></script>`);
      const script = await call('GET', `/docs/assets/${file}`, undefined, { authorization: '' });
      expect([script.status, script.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
    }
    // Node's fetch asks for gzip and unpacks it: the reference's 3.5 MB script travels as about 1 MB.
    const reference = await call('GET', '/docs/assets/standalone.js', undefined, { authorization: '' });
    expect(reference.headers.get('content-encoding')).toBe('gzip');
    expect(reference.body).toContain('createApiReference');
    const pageScript = await call('GET', '/docs/assets/docs.js', undefined, { authorization: '' });
    expect(pageScript.body).toContain("fetch('/api/v1/openapi.json'");
    expect(
      (await call('GET', '/docs/assets/swagger-ui-bundle.js', undefined, { authorization: '' })).status,
    ).toBe(404);
    expect(
      (await call('GET', '/docs/assets/..%2Fpackage.json', undefined, { authorization: '' })).status,
    ).toBe(404);
  });

  it('answers hostile input with the right 4xx and keeps serving', async () => {
    const { call } = await start();
    let deep: Record<string, unknown> = { price: { eq: 1 } };
    for (let i = 0; i < 50; i++) deep = { not: deep };
    const q = (filter: unknown) =>
      `/api/v1/data/equipment_asset?filter=${encodeURIComponent(JSON.stringify(filter))}`;
    expect((await call('GET', q(deep))).body).toMatchObject({ status: 400, errors: [{ code: 'too_deep' }] });
    const many = { or: Array.from({ length: 10_000 }, (_, i) => ({ price: { eq: i } })) };
    expect((await call('POST', '/api/v1/data/equipment_asset/query', { filter: many })).body).toMatchObject({
      status: 400,
      errors: [{ code: 'too_many_conditions' }],
    });
    expect((await call('GET', q({ colour: { eq: 1 } }))).body.errors).toEqual([
      expect.objectContaining({ code: 'unknown_field' }),
    ]);
    expect((await call('GET', q({ price: { eq: 'cheap' } }))).body.errors).toEqual([
      expect.objectContaining({ code: 'bad_value' }),
    ]);
    expect((await call('GET', '/api/v1/data/equipment_asset?limit=1000000')).status).toBe(400);
    expect((await call('GET', '/api/v1/data/equipment_asset/1%27%20or%201%3D1')).status).toBe(404);
    const nul = await call('POST', '/api/v1/data/equipment_asset', { name: 'a\u0000b', serial_no: 'N' });
    expect([nul.status, nul.body.errors[0].code]).toEqual([422, 'nul_character']);
    const sneaky = "Robert'); DROP TABLE equipment_asset;-- 设备 ✓ 🚀";
    const stored = await call('POST', '/api/v1/data/equipment_asset', { name: sneaky, serial_no: '%_\\' });
    expect(stored.status).toBe(201);
    const found = await call('GET', q({ name: { eq: sneaky }, serial_no: { startsWith: '%_' } }));
    expect(found.body.data.map((r: { name: string; serial_no: string }) => [r.name, r.serial_no])).toEqual([
      [sneaky, '%_\\'],
    ]);
    expect((await call('GET', '/api/v1/health')).status).toBe(200);
  });
});
