/**
 * The example templates (examples/) as a customer gets them: installed through the metadata API on an empty
 * workspace, on SQLite and PostgreSQL, with their seed data; their rules and roll-ups at work over HTTP; and
 * the package life cycle on them — an upgrade that keeps an admin's customizations, an uninstall that is
 * refused while records exist, forced, and undone by restoring the version before it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AutomationDocument,
  mergeDocuments,
  type ObjectDocument,
  type PackageSource,
  validateDocuments,
} from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../engine/test/dialects.js';
import { packageSource, readPackage } from '../packages/cli/src/package-folder.js';
import { serveForTest, type TestApi } from '../runtime/test/server.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const TEMPLATES = ['crm-core', 'distribution', 'field-service'];

const source = async (name: string): Promise<PackageSource> =>
  packageSource(await readPackage(join(EXAMPLES, name)));
const firstValue = (doc: ObjectDocument, field: string) =>
  (doc.properties[field]?.enum as string[] | undefined)?.[0];

/** Every localized text of a document (labels, plural labels, rule messages), by JSON pointer. */
function texts(value: unknown, pointer: string, out: [string, Record<string, string>][]) {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) texts(v, `${pointer}/${i}`, out);
  } else if (typeof value === 'object' && value !== null)
    for (const [key, v] of Object.entries(value)) {
      if (['label', 'pluralLabel', 'message'].includes(key) && typeof v === 'object' && v !== null)
        out.push([`${pointer}/${key}`, v as Record<string, string>]);
      else texts(v, `${pointer}/${key}`, out);
    }
  return out;
}

describe('example templates, as files', () => {
  it('label every object, field, picklist value, layout section, list view and rule message in en and zh-CN', async () => {
    for (const name of TEMPLATES) {
      const { documents } = await source(name);
      for (const object of documents.objects ?? []) {
        const where = `${name}: ${object['x-tessera'].apiName}`;
        expect(object['x-tessera'].label, where).toBeDefined();
        for (const [field, prop] of Object.entries(object.properties)) {
          expect(prop['x-tessera'].label, `${where}.${field}`).toBeDefined();
          for (const option of prop['x-tessera'].options ?? [])
            expect(option.label, `${where}.${field}`).toBeDefined();
        }
      }
      const all = texts(documents, `${name}`, []);
      expect(all.length).toBeGreaterThan(100);
      for (const [pointer, text] of all) {
        expect(text.en?.trim(), pointer).toBeTruthy();
        expect(text['zh-CN']?.trim(), pointer).toBeTruthy();
      }
    }
  });

  it('make the automation example of docs/automation.md valid as written', async () => {
    const doc = readFileSync(fileURLToPath(new URL('../docs/automation.md', import.meta.url)), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '') as AutomationDocument;
    const crm = (await source('crm-core')).documents;
    const service = mergeDocuments(
      { ...crm, objects: crm.objects ?? [] },
      (await source('field-service')).documents,
    );
    expect(example.object).toBe('service_request');
    expect(validateDocuments({ ...service, automations: [example] })).toEqual([]);
  });
});

describeEachDialect('example templates', (env) => {
  let api: TestApi;
  /** Records each object received from the packages' seed files. */
  const seeded = new Map<string, number>();
  const total = async (object: string, filter?: object) => {
    const query = filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : '';
    const r = await api.call('GET', `/api/v1/data/${object}?limit=1&count=true${query}`);
    expect(r.status).toBe(200);
    return r.body.page.total as number;
  };
  const objectDoc = async (name: string): Promise<ObjectDocument> =>
    (await api.call('GET', `/api/v1/meta/objects/${name}`)).body.data;

  beforeAll(async () => {
    api = await serveForTest(await env.openForSuite());
  });
  afterAll(() => api.server.close());

  it('each template passes meta-validation and installs on an empty workspace with its seed data', async () => {
    for (const name of TEMPLATES) {
      const r = await api.call('POST', '/api/v1/meta/packages', await source(name));
      expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
      expect(r.body.data).toMatchObject({ name, version: '1.0.0', action: 'install', applied: true });
      const files = Object.entries(r.body.data.seeded as Record<string, number>);
      expect(files.length).toBeGreaterThan(4);
      for (const [file, n] of files) {
        expect(n, file).toBeGreaterThan(0);
        const object = /^data\/(.+)\.csv$/.exec(file)?.[1] as string;
        seeded.set(object, (seeded.get(object) ?? 0) + n);
      }
    }
    for (const [object, n] of seeded) expect(await total(object), object).toBe(n);
    const packages = (await api.call('GET', '/api/v1/meta/packages')).body.data;
    expect(packages.map((p: { name: string }) => p.name)).toEqual(TEMPLATES);
    expect(packages[1]).toMatchObject({ dependencies: { 'crm-core': '^1.0.0' } });
    expect(packages[1].owns.object).toContain('dist_order');
    // Labels in both languages, the records' validation and the layouts are the templates' own.
    // Each object says which app (package) it came with: the studio groups its menu by it.
    const described = (await api.call('GET', '/api/v1/describe')).body.data as {
      apiName: string;
      app?: object;
    }[];
    expect(described.find((o) => o.apiName === 'work_order')?.app).toEqual({
      name: 'field-service',
      label: { en: 'Field Service', 'zh-CN': '现场服务' },
    });
    const order = await objectDoc('dist_order');
    expect(order['x-tessera'].label).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
    // Their automations come with them, active.
    const automations = (await api.call('GET', '/api/v1/meta/automations')).body.data as {
      apiName: string;
      active: boolean;
    }[];
    expect(automations.map((a) => [a.apiName, a.active]).sort()).toEqual([
      ['dist_order_submitted_notify_rep', true],
      ['dist_visit_plan_next', true],
      ['fs_request_notify_dispatcher', true],
      ['fs_request_work_order', true],
      ['fs_wo_sla_reminder', true],
      ['opportunity_won_follow_up', true],
    ]);
  });

  it('order lines update the order total exactly, and an order over the distributor’s credit is refused with the rule’s message', async () => {
    const distributor = await objectDoc('distributor');
    const made = await api.call('POST', '/api/v1/data/distributor', {
      name: 'Test 经销商',
      distributor_code: 'T-CREDIT-1',
      tier: firstValue(distributor, 'tier'),
      status: firstValue(distributor, 'status'),
      region: firstValue(distributor, 'region'),
      credit_limit: 1000,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data.credit_available).toBe(1000);
    const orderDoc = await objectDoc('dist_order');
    const order = await api.call('POST', '/api/v1/data/dist_order', {
      distributor: made.body.data.id,
      status: 'draft',
      order_type: firstValue(orderDoc, 'order_type'),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const product = (await api.call('GET', '/api/v1/data/product?limit=1')).body.data[0];
    const line = (quantity: number, unit_price: number, headers?: Record<string, string>) =>
      api.call(
        'POST',
        '/api/v1/data/dist_order_line',
        { dist_order: order.body.data.id, product: product.id, quantity, unit_price },
        headers,
      );
    const orderTotal = async () =>
      (await api.call('GET', `/api/v1/data/dist_order/${order.body.data.id}`)).body.data.order_total;
    for (const [quantity, price, expected] of [
      [3, 19.99, 59.97],
      [7, 0.1, 60.67],
      [11, 33.33, 427.3],
    ] as const) {
      const added = await line(quantity, price);
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(await orderTotal()).toBe(expected);
    }
    const over = await line(600, 1);
    expect(over.status).toBe(422);
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        code: 'rule',
        rule: 'dist_line_within_credit',
        message: "The order would exceed the distributor's available credit",
      }),
    ]);
    const overZh = await line(600, 1, { 'accept-language': 'zh-CN' });
    expect(overZh.body.errors[0].message).toBe('订单将超出经销商可用信用额度');
    expect(await orderTotal()).toBe(427.3);
    const within = await line(1, 572.7);
    expect(within.status).toBe(201);
    expect(await orderTotal()).toBe(1000);
  });

  it('a work order’s part consumption updates its cost, and more parts than in stock are refused', async () => {
    const workOrder = (await api.call('GET', '/api/v1/data/work_order?limit=1&sort=wo_number')).body.data[0];
    const filter = encodeURIComponent(JSON.stringify({ active: { eq: true }, stock_quantity: { gte: 5 } }));
    const part = (await api.call('GET', `/api/v1/data/spare_part?limit=1&filter=${filter}`)).body.data[0];
    const cost = async () =>
      (await api.call('GET', `/api/v1/data/work_order/${workOrder.id}`)).body.data.parts_cost as number;
    const before = await cost();
    const used = await api.call('POST', '/api/v1/data/part_consumption', {
      work_order: workOrder.id,
      spare_part: part.id,
      quantity: 2,
      unit_cost: 165.4,
    });
    expect(used.status, JSON.stringify(used.body)).toBe(201);
    expect(used.body.data.line_cost).toBe(330.8);
    expect(await cost()).toBeCloseTo(before + 330.8, 6);
    const more = await api.call('PATCH', `/api/v1/data/part_consumption/${used.body.data.id}`, {
      quantity: 3,
    });
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    expect(await cost()).toBeCloseTo(before + 496.2, 6);
    const tooMany = await api.call('PATCH', `/api/v1/data/part_consumption/${used.body.data.id}`, {
      quantity: part.stock_quantity + 1,
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0]).toMatchObject({ code: 'rule', rule: 'fs_pc_within_stock' });
    expect((await api.call('DELETE', `/api/v1/data/part_consumption/${used.body.data.id}`)).status).toBe(204);
    expect(await cost()).toBeCloseTo(before, 6);
  });

  it('an upgrade adds the new version’s field, label and rule, keeps an admin’s customizations, and loses no record', async () => {
    // The admin's own changes to crm-core's account: an extra field, a changed label, an extra picklist value.
    const account = await objectDoc('account');
    account.properties.credit_rating = {
      type: 'string',
      maxLength: 20,
      'x-tessera': { field: 'text', label: { en: 'Credit rating', 'zh-CN': '信用评级' } },
    };
    (account.properties.city as ObjectDocument['properties'][string])['x-tessera'].label = {
      en: 'Town',
      'zh-CN': '城镇',
    };
    const type = account.properties.type as ObjectDocument['properties'][string];
    type.enum = [...(type.enum as string[]), 'reseller'];
    type['x-tessera'].options = [
      ...(type['x-tessera'].options ?? []),
      { value: 'reseller', label: { en: 'Reseller', 'zh-CN': '分销商' } },
    ];
    expect((await api.call('PUT', '/api/v1/meta/objects/account', account)).status).toBe(200);

    // Version 1.1.0 of crm-core: a new field, a renamed label, a new rule.
    const v2 = await source('crm-core');
    v2.manifest = { ...(v2.manifest as object), version: '1.1.0' };
    const shipped = v2.documents.objects?.find((o) => o['x-tessera'].apiName === 'account') as ObjectDocument;
    shipped.properties.wechat_id = {
      type: 'string',
      maxLength: 64,
      'x-tessera': { field: 'text', label: { en: 'WeChat ID', 'zh-CN': '微信号' } },
    };
    (shipped.properties.phone as ObjectDocument['properties'][string])['x-tessera'].label = {
      en: 'Main phone',
      'zh-CN': '总机',
    };
    v2.documents.validationRules = [
      ...(v2.documents.validationRules ?? []),
      {
        kind: 'validation_rule',
        apiName: 'account_revenue_realistic',
        object: 'account',
        formula: 'annual_revenue > 1000000000000',
        field: 'annual_revenue',
        message: { en: 'Annual revenue looks wrong', 'zh-CN': '年收入数值异常' },
      },
    ];
    const accounts = await total('account');
    const upgraded = await api.call('POST', '/api/v1/meta/packages', v2);
    expect(upgraded.status, JSON.stringify(upgraded.body).slice(0, 500)).toBe(200);
    expect(upgraded.body.data).toMatchObject({
      action: 'upgrade',
      previousVersion: '1.0.0',
      kept: [],
      seeded: {},
    });

    const after = await objectDoc('account');
    expect(after.properties.wechat_id?.['x-tessera'].label).toEqual({ en: 'WeChat ID', 'zh-CN': '微信号' });
    expect(after.properties.phone?.['x-tessera'].label).toEqual({ en: 'Main phone', 'zh-CN': '总机' });
    expect(after.properties.credit_rating).toBeDefined();
    expect(after.properties.city?.['x-tessera'].label).toEqual({ en: 'Town', 'zh-CN': '城镇' });
    expect(after.properties.type?.enum).toContain('reseller');
    expect(await total('account')).toBe(accounts);
    const refused = await api.call('POST', '/api/v1/data/account', {
      name: 'Too big',
      type: 'reseller',
      annual_revenue: 2e12,
    });
    expect(refused.body.errors?.[0]).toMatchObject({ rule: 'account_revenue_realistic' });
    const packages = (await api.call('GET', '/api/v1/meta/packages/crm-core')).body.data;
    expect(packages.version).toBe('1.1.0');
    // An older version is refused: it would be a downgrade.
    expect((await api.call('POST', '/api/v1/meta/packages', await source('crm-core'))).status).toBe(409);
  });

  it('uninstall is refused while a package is needed or has records; forced, it is undone by a restore', async () => {
    const needed = await api.call('DELETE', '/api/v1/meta/packages/crm-core?force=true');
    expect(needed.status).toBe(409);
    expect(needed.body.detail).toContain('depend on crm-core');
    const before = (await api.call('GET', '/api/v1/meta/versions')).body.data[0].version as number;
    const refused = await api.call('DELETE', '/api/v1/meta/packages/field-service');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('work_order: ');
    const workOrders = await total('work_order');
    const forced = await api.call('DELETE', '/api/v1/meta/packages/field-service?force=true');
    expect(forced.status, JSON.stringify(forced.body).slice(0, 500)).toBe(200);
    expect(forced.body.data.records.work_order).toBe(workOrders);
    expect((await api.call('GET', '/api/v1/data/work_order')).status).toBe(404);
    expect((await api.call('GET', '/api/v1/meta/packages/field-service')).status).toBe(404);

    const restored = await api.call('POST', `/api/v1/meta/versions/${before}/restore`);
    expect(restored.status, JSON.stringify(restored.body).slice(0, 500)).toBe(200);
    expect(await total('work_order')).toBe(workOrders);
    expect(await total('part_consumption')).toBe(seeded.get('part_consumption'));
    expect((await api.call('GET', '/api/v1/meta/packages/field-service')).body.data.version).toBe('1.0.0');
  });
});
