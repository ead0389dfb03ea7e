/** Formulas and validation rules through the HTTP API: rules managed under /meta, refusals as 422 entries. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

const money = { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } } as const;

describeEachDialect('rules over HTTP', (env) => {
  let api: TestApi;
  beforeAll(async () => {
    const ws = await env.openForSuite();
    await ws.deploy({
      objects: [
        object('order', {
          amount: money,
          tax: {
            type: 'number',
            'x-tessera': { field: 'formula', returns: 'number', formula: 'amount * 0.13', scale: 2 },
          },
        }),
      ],
    });
    api = await serveForTest(ws);
  });
  afterAll(() => api.server.close());

  it('a rule made through /meta refuses writes with code rule, its name and its message', async () => {
    const made = await api.call('PUT', '/api/v1/meta/validation-rules/positive', {
      kind: 'validation_rule',
      apiName: 'positive',
      object: 'order',
      formula: 'amount <= 0',
      field: 'amount',
      message: { en: 'The amount must be positive', 'zh-CN': '金额必须为正数' },
    });
    expect(made.status).toBe(201);
    const refused = await api.call('POST', '/api/v1/data/order', { name: 'PO', amount: -5 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'amount',
        pointer: '/amount',
        code: 'rule',
        rule: 'positive',
        message: 'The amount must be positive',
      },
    ]);
    const ok = await api.call('POST', '/api/v1/data/order', { name: 'PO', amount: 100 });
    expect(ok.status).toBe(201);
    expect(ok.body.data.tax).toBe(13);
    const bad = await api.call('PUT', '/api/v1/meta/validation-rules/broken', {
      kind: 'validation_rule',
      apiName: 'broken',
      object: 'order',
      formula: 'amount <= "x"',
      message: { en: 'x' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({
      field: 'validation_rule:broken/formula',
      code: 'formula_type',
    });
    expect((await api.call('DELETE', '/api/v1/meta/validation-rules/positive')).status).toBe(200);
    expect((await api.call('POST', '/api/v1/data/order', { name: 'PO', amount: -5 })).status).toBe(201);
  });

  it('a warn duplicate rule writes the record and says so; a block one refuses it', async () => {
    const rule = (apiName: string, action: string) => ({
      kind: 'duplicate_rule',
      apiName,
      object: 'order',
      fields: ['name'],
      action,
      message: { en: `same name (${action})` },
    });
    expect(
      (await api.call('PUT', '/api/v1/meta/duplicate-rules/warn_name', rule('warn_name', 'warn'))).status,
    ).toBe(201);
    const first = await api.call('POST', '/api/v1/data/order', { name: 'Twin', amount: 1 });
    expect(first.body).not.toHaveProperty('warnings');
    const second = await api.call('POST', '/api/v1/data/order', { name: ' twin', amount: 2 });
    expect(second.status).toBe(201);
    expect(second.body.warnings).toEqual([{ rule: 'warn_name', message: 'same name (warn)', matches: 1 }]);
    expect(
      (await api.call('PUT', '/api/v1/meta/duplicate-rules/warn_name', rule('warn_name', 'block'))).status,
    ).toBe(200);
    const third = await api.call('POST', '/api/v1/data/order', { name: 'TWIN', amount: 3 });
    expect(third.status).toBe(422);
    expect(third.body.errors).toEqual([
      { field: 'name', pointer: '/name', code: 'duplicate', rule: 'warn_name', message: 'same name (block)' },
    ]);
  });

  it("answers rule messages in the caller's language and computes TODAY() in the caller's time zone", async () => {
    await api.call('PUT', '/api/v1/meta/validation-rules/not_negative', {
      kind: 'validation_rule',
      apiName: 'not_negative',
      object: 'order',
      formula: 'amount < 0',
      field: 'amount',
      message: { en: 'The amount cannot be negative', 'zh-CN': '金额不能为负数' },
    });
    const refused = (language: string) =>
      api.call('POST', '/api/v1/data/order', { name: 'PO', amount: -1 }, { 'accept-language': language });
    expect((await refused('zh-CN,zh;q=0.9,en;q=0.8')).body.errors[0].message).toBe('金额不能为负数');
    expect((await refused('zh')).body.errors[0].message).toBe('金额不能为负数');
    expect((await refused('fr-FR, en;q=0.5')).body.errors[0].message).toBe('The amount cannot be negative');
    expect((await refused('en;q=0.1, zh-cn;q=0.9')).body.errors[0].message).toBe('金额不能为负数');
    await api.call('DELETE', '/api/v1/meta/validation-rules/not_negative');

    // A day rule for Kiritimati (UTC+14) and Pago Pago (UTC-11): their days are never the same.
    const far = (zone: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(Date.now());
    await api.call('PUT', '/api/v1/meta/validation-rules/dated_today', {
      kind: 'validation_rule',
      apiName: 'dated_today',
      object: 'order',
      formula: `TODAY() <> DATEVALUE("${far('Pacific/Kiritimati')}")`,
      message: { en: 'only today in Kiritimati' },
    });
    let n = 0;
    const dated = (zone: string) =>
      api.call('POST', '/api/v1/data/order', { name: `dated ${n++}`, amount: 1 }, { 'time-zone': zone });
    expect((await dated('Pacific/Kiritimati')).status).toBe(201);
    const refusedThere = await dated('Pacific/Pago_Pago');
    expect(refusedThere.status).toBe(422);
    expect(refusedThere.body.errors).toMatchObject([{ code: 'rule', rule: 'dated_today' }]);
    await api.call('DELETE', '/api/v1/meta/validation-rules/dated_today');

    const bad = await dated('Mars/Olympus');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'bad_time_zone' });
    expect(bad.body.detail).toContain('Mars/Olympus');
  });
});
