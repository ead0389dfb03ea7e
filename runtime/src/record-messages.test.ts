/**
 * The platform's own record validation messages in the caller's language (`Accept-Language`), over HTTP on both
 * dialects: the same codes, en and zh-CN messages; unknown languages get English.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

const asset = object(
  'asset',
  {
    serial: text({ maxLength: 5, 'x-tessera': { field: 'text', unique: true } }),
    status: {
      type: 'string',
      enum: ['active', 'retired'],
      'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
    },
    price: { type: 'number', minimum: 0, 'x-tessera': { field: 'currency' } },
    bought: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
    units: { type: 'integer', 'x-tessera': { field: 'integer' } },
    site: {
      type: 'string',
      format: 'uuid',
      'x-tessera': { field: 'lookup', target: 'site' },
    },
  },
  ['serial'],
);

/** Every kind of refusal the platform words itself, in one record. */
const BAD = {
  serial: 'TOO-LONG',
  status: 'lost',
  price: 1.234,
  bought: '2026-02-30',
  units: 'many',
  id: 'mine',
  colour: 'red',
};

describeEachDialect('record validation messages in the caller’s language', (env) => {
  let api: TestApi;
  const refusal = async (language: string | undefined, body: unknown, path = '/api/v1/data/asset') => {
    const res = await api.call('POST', path, body, language ? { 'accept-language': language } : {});
    expect(res.status).toBeGreaterThanOrEqual(400);
    return Object.fromEntries(
      (res.body.errors as { field: string; code: string; message: string }[]).map((e) => [
        e.field,
        `${e.code}: ${e.message}`,
      ]),
    );
  };

  beforeAll(async () => {
    const ws = await env.openForSuite();
    await ws.deploy({ objects: [object('site', {}), asset] });
    api = await serveForTest(ws);
    expect((await api.call('POST', '/api/v1/data/asset', { name: 'Pump', serial: 'S-1' })).status).toBe(201);
  });
  afterAll(() => api.server.close());

  it('in English', async () => {
    expect(await refusal('en-US,en;q=0.9', BAD)).toEqual({
      serial: 'maxLength: must be at most 5 characters',
      status: 'enum: must be one of: active, retired',
      price: 'scale: must have at most 2 digits after the point',
      bought: 'format: must be a valid date',
      units: 'type: must be integer',
      id: 'readOnly: is set by the platform and cannot be written',
      colour: 'unknown: "colour" is not a field of asset',
      name: 'required: is required',
    });
    expect(await refusal('en', { name: null, serial: 'S-2', price: -1 })).toEqual({
      name: 'required: is required and cannot be cleared',
      price: 'minimum: must be >= 0',
    });
    expect(await refusal('en', { name: 'Pump' })).toEqual({ serial: 'required: is required' });
    expect(await refusal('en', { name: 'Pump', serial: 'S-1' })).toEqual({
      serial: 'unique: is already used by another record',
    });
    const missing = '018f0000-0000-7000-8000-000000000000';
    expect(await refusal('en', { name: 'Pump', serial: 'S-3', site: missing })).toEqual({
      site: `reference: no site record has id "${missing}"`,
    });
  });

  it('in Chinese, with the same codes', async () => {
    expect(await refusal('zh-CN,zh;q=0.9,en;q=0.8', BAD)).toEqual({
      serial: 'maxLength: 最多 5 个字符',
      status: 'enum: 必须是以下值之一：active、retired',
      price: 'scale: 小数点后最多 2 位',
      bought: 'format: 必须是有效的日期（YYYY-MM-DD）',
      units: 'type: 必须是整数',
      id: 'readOnly: 由平台设置，不能写入',
      colour: 'unknown: “colour”不是 asset 的字段',
      name: 'required: 必填',
    });
    expect(await refusal('zh-CN', { name: null, serial: 'S-2', price: -1 })).toEqual({
      name: 'required: 必填，不能清空',
      price: 'minimum: 不能小于 0',
    });
    expect(await refusal('zh', { name: 'Pump' })).toEqual({ serial: 'required: 必填' });
    expect(await refusal('zh-TW', { name: 'Pump', serial: 'S-1' })).toEqual({
      serial: 'unique: 已被另一条记录使用',
    });
    const missing = '018f0000-0000-7000-8000-000000000000';
    expect(await refusal('zh-CN', { name: 'Pump', serial: 'S-3', site: missing })).toEqual({
      site: `reference: 不存在 id 为“${missing}”的 site 记录`,
    });
    const created = await api.call('POST', '/api/v1/data/asset', { name: 'Valve', serial: 'S-4' });
    const patched = await api.call(
      'PATCH',
      `/api/v1/data/asset/${created.body.data.id}`,
      { units: 1.5 },
      { 'accept-language': 'zh-CN' },
    );
    expect(patched.body.errors.map((e: { message: string }) => e.message)).toEqual(['必须是整数']);
  });

  it('in English for a language it does not speak, or none', async () => {
    const french = await refusal('fr-FR', { name: 'Pump' });
    expect(french).toEqual({ serial: 'required: is required' });
    expect(await refusal(undefined, { name: 'Pump', units: 'x', serial: 'S-5' })).toEqual({
      units: 'type: must be integer',
    });
  });
});
