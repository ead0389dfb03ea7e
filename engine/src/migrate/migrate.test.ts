import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { changed, object, set, text } from '../../test/documents.js';
import { dataSnapshot, schemaSnapshot } from '../../test/schema-snapshot.js';
import {
  type DocumentSet,
  isTesseraError,
  type PropertyDocument,
  TesseraError,
  type Workspace,
} from '../index.js';

const integer = (extra: Partial<PropertyDocument> = {}): PropertyDocument => ({
  type: 'integer',
  'x-tessera': { field: 'integer' },
  ...extra,
});
const textarea = (): PropertyDocument => ({
  type: 'string',
  maxLength: 4000,
  'x-tessera': { field: 'textarea' },
});

async function rejection(promise: Promise<unknown>): Promise<TesseraError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TesseraError) return e;
    throw e;
  }
  throw new Error('expected the promise to be rejected');
}

async function seed(ws: Workspace, objectName: string, rows: Record<string, unknown>[]) {
  await ws.records.insertMany(objectName, rows);
}

const docs = (ws: Workspace): DocumentSet => ws.model.documents;

describeEachDialect('migrations', (env) => {
  it('renames a field of an object with 10,000 records and keeps every value', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('store', { code: text() })));
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Store ${i}`, code: `S${i}` }));
    await seed(ws, 'store', rows);
    const result = await ws.deploy(
      changed(docs(ws), 'store', (d) => {
        d.properties.store_code = d.properties.code as PropertyDocument;
        delete d.properties.code;
      }),
    );
    expect(result.plan.steps.map((s) => s.kind)).toEqual(['rename_field']);
    expect(result.plan.steps[0]?.description).toBe('Rename field "store.code" to "store_code" (values kept)');
    const all = await ws.storage.db.selectFrom('store').select(['name', 'store_code']).execute();
    expect(all).toHaveLength(10_000);
    const byName = new Map(all.map((r) => [r.name, r.store_code]));
    for (const row of rows) expect(byName.get(row.name)).toBe(row.code);
    const [first] = await ws.records.list('store', { filter: { store_code: { eq: 'S42' } } });
    expect(first?.name).toBe('Store 42');
    expect(first).not.toHaveProperty('code');
  });

  it('swaps two field names through a temporary name', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('pair', { a: text(), b: text() })));
    await ws.records.insert('pair', { name: 'x', a: 'A', b: 'B' });
    await ws.deploy(
      changed(docs(ws), 'pair', (d) => {
        const { a, b } = d.properties as Record<string, PropertyDocument>;
        d.properties.a = b as PropertyDocument;
        d.properties.b = a as PropertyDocument;
      }),
    );
    const [row] = await ws.records.list('pair');
    expect([row?.a, row?.b]).toEqual(['B', 'A']);
  });

  it('refuses text→integer while non-numeric values exist, naming how many block it', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('asset', { qty: text() })));
    await seed(ws, 'asset', [
      { name: 'a', qty: '12' },
      { name: 'b', qty: 'twelve' },
      { name: 'c', qty: 'n/a' },
      { name: 'd', qty: null },
    ]);
    const before = await schemaSnapshot(ws);
    const error = await rejection(
      ws.deploy(changed(docs(ws), 'asset', (d) => (d.properties.qty = integer()))),
    );
    expect(error.code).toBe('conversion_blocked');
    expect(error.message).toContain('2 records block it');
    expect(error.details.count).toBe(2);
    expect(error.issues.map((i) => i.message).sort()).toEqual([
      '"n/a" is not a number',
      '"twelve" is not a number',
    ]);
    expect(await schemaSnapshot(ws)).toEqual(before);
    expect(ws.model.version).toBe(1);

    // Once the values are fixed, the same change converts them.
    const bad = await ws.records.list('asset', { filter: { name: { in: ['b', 'c'] } } });
    for (const r of bad) await ws.records.update('asset', r.id as string, { qty: '7' });
    await ws.deploy(changed(docs(ws), 'asset', (d) => (d.properties.qty = integer())));
    const after = await ws.records.list('asset', { sort: 'name' });
    expect(after.map((r) => r.qty)).toEqual([12, 7, 7, null]);
    expect(await ws.records.list('asset', { filter: { qty: { gt: 10 } } })).toHaveLength(1);
  });

  it('changes text→textarea without touching the data', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('note', { body: text() })));
    await seed(ws, 'note', [{ name: 'n', body: 'hello 世界' }]);
    const result = await ws.deploy(changed(docs(ws), 'note', (d) => (d.properties.body = textarea())));
    expect(result.plan.steps).toMatchObject([{ kind: 'change_field', from: 'text', to: 'textarea' }]);
    const [row] = await ws.records.list('note');
    expect(row?.body).toBe('hello 世界');
    await ws.records.update('note', row?.id as string, { body: 'x'.repeat(1000) });
  });

  it('converts integer→text and back, rewriting the column on both dialects', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('counter', { n: integer() })));
    await seed(ws, 'counter', [
      { name: 'a', n: 5 },
      { name: 'b', n: -12 },
    ]);
    await ws.deploy(changed(docs(ws), 'counter', (d) => (d.properties.n = text())));
    expect((await ws.records.list('counter', { sort: 'name' })).map((r) => r.n)).toEqual(['5', '-12']);
    await ws.deploy(changed(docs(ws), 'counter', (d) => (d.properties.n = integer())));
    expect((await ws.records.list('counter', { sort: 'name' })).map((r) => r.n)).toEqual([5, -12]);
  });

  it('changes a currency scale exactly, and refuses a smaller scale that would round values', async () => {
    const ws = await env.open();
    const money = (scale: number): PropertyDocument => ({
      type: 'number',
      'x-tessera': { field: 'currency', scale },
    });
    await ws.deploy(set(object('deal', { amount: money(2) })));
    await seed(ws, 'deal', [{ name: 'a', amount: 1234.56 }]);
    await ws.deploy(changed(docs(ws), 'deal', (d) => (d.properties.amount = money(4))));
    const [row] = await ws.records.list('deal');
    expect(row?.amount).toBe(1234.56);
    await ws.records.update('deal', row?.id as string, { amount: 0.1234 });
    const error = await rejection(
      ws.deploy(changed(docs(ws), 'deal', (d) => (d.properties.amount = money(2)))),
    );
    expect(error.code).toBe('conversion_blocked');
    expect(error.details.count).toBe(1);
  });

  it('deletes a field softly, restores it with its data, and purges it for good', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('contact', { phone: text(), city: text() })));
    const rec = await ws.records.insert('contact', { name: 'Li Lei', phone: '021-555', city: '上海' });
    const deleted = await ws.deploy(changed(docs(ws), 'contact', (d) => delete d.properties.city));
    expect(deleted.plan.steps).toMatchObject([{ kind: 'drop_field', field: 'city' }]);
    expect(await ws.records.get('contact', rec.id as string)).not.toHaveProperty('city');
    await expect(ws.records.insert('contact', { name: 'x', city: 'y' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await ws.trash()).toMatchObject([{ kind: 'field', apiName: 'city' }]);

    // A new field may take the deleted one's name meanwhile; it starts empty.
    await ws.deploy(changed(docs(ws), 'contact', (d) => (d.properties.city = text())));
    expect((await ws.records.get('contact', rec.id as string)).city).toBeNull();
    await ws.deploy(changed(docs(ws), 'contact', (d) => delete d.properties.city));

    await expect(ws.restoreField('contact', 'nope')).rejects.toMatchObject({ code: 'not_in_trash' });
    // Two deleted "city" fields are in the trash; the most recent one (empty) is restored by name,
    // the original one by its id.
    const original = (await ws.trash()).find((t) => t.deletedVersion === 2);
    await ws.restoreField('contact', original?.id as string);
    expect((await ws.records.get('contact', rec.id as string)).city).toBe('上海');

    await ws.deploy(changed(docs(ws), 'contact', (d) => delete d.properties.city));
    const columnsBefore = (await schemaSnapshot(ws)).filter((l) => l.includes('tessera_deleted_'));
    expect(columnsBefore.length).toBeGreaterThan(0);
    for (const entry of await ws.trash()) await ws.purgeField('contact', entry.id);
    expect(await ws.trash()).toEqual([]);
    expect((await schemaSnapshot(ws)).filter((l) => l.includes('tessera_deleted_'))).toEqual([]);
    expect(await ws.records.get('contact', rec.id as string)).toMatchObject({
      name: 'Li Lei',
      phone: '021-555',
    });
    await expect(ws.restoreField('contact', 'city')).rejects.toMatchObject({ code: 'not_in_trash' });
  });

  it('deletes an object softly and restores it with its records; purge drops the table', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('account', {}), object('lead', { source: text() })));
    await seed(ws, 'lead', [
      { name: 'L1', source: 'web' },
      { name: 'L2', source: 'fair' },
    ]);
    await ws.deploy(set(...docs(ws).objects.filter((d) => d['x-tessera'].apiName !== 'lead')));
    expect(ws.model.objects.has('lead')).toBe(false);
    await expect(ws.records.list('lead')).rejects.toMatchObject({ code: 'unknown_object' });
    await ws.restoreObject('lead');
    expect((await ws.records.list('lead', { sort: 'name' })).map((r) => r.source)).toEqual(['web', 'fair']);

    await ws.deploy(set(...docs(ws).objects.filter((d) => d['x-tessera'].apiName !== 'lead')));
    const first = (await ws.history()).at(-1)?.version as number;
    const dry = await ws.purgeObject('lead', { dryRun: true });
    expect(dry).toMatchObject({ applied: false, purged: [{ kind: 'object', apiName: 'lead' }] });
    expect((await schemaSnapshot(ws)).some((l) => l.includes('tessera_deleted_'))).toBe(true);
    await ws.purgeObject('lead');
    expect((await schemaSnapshot(ws)).some((l) => l.includes('tessera_deleted_'))).toBe(false);
    await expect(ws.restoreObject('lead')).rejects.toMatchObject({ code: 'not_in_trash' });
    // The first version held lead; restoring it now would bring lead back empty, as if nothing was lost.
    await expect(ws.restoreVersion(first)).rejects.toMatchObject({
      code: 'data_purged',
      details: { purged: [{ kind: 'object', object: 'lead' }] },
    });
  });

  it('leaves schema, data and metadata version exactly as before when a step fails midway', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('account', { city: text() }), object('visit', { note: text() })));
    await seed(ws, 'account', [{ name: 'A', city: 'Beijing' }]);
    await seed(ws, 'visit', [{ name: 'V', note: 'ok' }]);
    const schemaBefore = await schemaSnapshot(ws);
    const dataBefore = await dataSnapshot(ws);
    const historyBefore = await ws.history();

    const next = changed(
      changed(docs(ws), 'account', (d) => {
        d.properties.town = d.properties.city as PropertyDocument;
        delete d.properties.city;
        d.properties.rating = integer({ default: 3 });
      }),
      'visit',
      (d) => (d.properties.note = textarea()),
    );
    next.objects.push(object('order_line', {}));
    const planned = await ws.deploy(next, { dryRun: true });
    expect(planned.plan.steps.length).toBeGreaterThanOrEqual(4);
    const failAt = planned.plan.steps.length - 1;
    const ran: string[] = [];
    const error = await rejection(
      ws.deploy(next, {
        onStep: (step, index) => {
          ran.push(step.kind);
          if (index === failAt) throw new TesseraError('unsupported_change', 'injected failure');
        },
      }),
    );
    expect(error.message).toBe('injected failure');
    expect(ran.length).toBe(failAt + 1);
    expect(await schemaSnapshot(ws)).toEqual(schemaBefore);
    expect(await dataSnapshot(ws)).toEqual(dataBefore);
    expect(await ws.history()).toEqual(historyBefore);
    expect(ws.model.version).toBe(1);
    expect(ws.model.object('account').fields.has('city')).toBe(true);
    // The same change still applies afterwards.
    const applied = await ws.deploy(next);
    expect(applied.version).toBe(2);
    expect((await ws.records.list('account'))[0]).toMatchObject({ town: 'Beijing', rating: 3 });
  });

  it('gives one of two concurrent changes against the same base version a conflict', async () => {
    const a = await env.open();
    await a.deploy(set(object('ticket', {})));
    const b = await env.reopen(a);
    const withField = (name: string) => changed(docs(a), 'ticket', (d) => (d.properties[name] = text()));
    const results = await Promise.allSettled([
      a.deploy(withField('from_a'), { baseVersion: 1 }),
      b.deploy(withField('from_b'), { baseVersion: 1 }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(isTesseraError(rejected[0]?.reason, 'metadata_conflict')).toBe(true);
    expect((await a.history()).map((v) => v.version)).toEqual([2, 1]);
    // A stale base is refused even when nothing races.
    await expect(a.deploy(withField('late'), { baseVersion: 1 })).rejects.toMatchObject({
      code: 'metadata_conflict',
    });
    // The other process sees the winner after reloading.
    expect((await b.reload()).version).toBe(2);
  });

  it('keeps history: reads, diffs and restores an earlier version', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('product', { sku: text() })), { author: 'ada', message: 'first' });
    await ws.records.insert('product', { name: 'P', sku: 'X-1' });
    await ws.deploy(
      changed(docs(ws), 'product', (d) => {
        delete d.properties.sku;
        d.properties.price = { type: 'number', 'x-tessera': { field: 'currency' } };
        d['x-tessera'].label = { en: 'Product', 'zh-CN': '产品' };
      }),
      { author: 'bob' },
    );
    const versions = await ws.history();
    expect(versions.map((v) => [v.version, v.author])).toEqual([
      [2, 'bob'],
      [1, 'ada'],
    ]);
    expect(versions[1]?.message).toBe('first');
    expect(versions[0]?.changes).toContain(
      'Delete field "product.sku" (soft: hidden now, restorable with its values until purged)',
    );
    expect(Object.keys((await ws.documentsAt(1)).objects[0]?.properties ?? {})).toEqual(['name', 'sku']);
    const diff = await ws.diff(1, 2);
    expect(diff).toHaveLength(1);
    expect(diff[0]?.changes.map((c) => c.pointer)).toEqual(
      expect.arrayContaining([
        '/x-tessera/label/en',
        '/x-tessera/label/zh-CN',
        '/properties/sku',
        '/properties/price',
      ]),
    );
    await expect(ws.documentsAt(9)).rejects.toMatchObject({ code: 'unknown_version' });

    const restored = await ws.restoreVersion(1);
    expect(restored.version).toBe(3);
    const [row] = await ws.records.list('product');
    expect(row).toMatchObject({ sku: 'X-1' });
    expect(row).not.toHaveProperty('price');
  });

  it('adds a field with a default to existing records, and refuses a required field without one', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('machine', {})));
    await seed(ws, 'machine', [{ name: 'M1' }, { name: 'M2' }]);
    const error = await rejection(
      ws.deploy(
        changed(docs(ws), 'machine', (d) => {
          d.properties.serial = text();
          d.required?.push('serial');
        }),
      ),
    );
    expect(error.code).toBe('conversion_blocked');
    expect(error.message).toContain('without a default');
    await ws.deploy(
      changed(docs(ws), 'machine', (d) => {
        d.properties.status = {
          type: 'string',
          enum: ['active', 'retired'],
          default: 'active',
          'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
        };
        d.required?.push('status');
      }),
    );
    expect((await ws.records.list('machine')).map((r) => r.status)).toEqual(['active', 'active']);
  });

  it('refuses making a field unique or required while the data disagrees', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('member', { card: text(), level: text() })));
    await seed(ws, 'member', [
      { name: 'a', card: 'C1', level: 'gold' },
      { name: 'b', card: 'C1' },
      { name: 'c', card: 'C2' },
    ]);
    const unique = await rejection(
      ws.deploy(
        changed(
          docs(ws),
          'member',
          (d) => ((d.properties.card as PropertyDocument)['x-tessera'].unique = true),
        ),
      ),
    );
    expect(unique.code).toBe('conversion_blocked');
    expect(unique.details.count).toBe(2);
    const required = await rejection(
      ws.deploy(changed(docs(ws), 'member', (d) => d.required?.push('level'))),
    );
    expect(required.details.count).toBe(2);
    expect(ws.model.version).toBe(1);
  });

  it('moves a lookup to another target, clearing values the new target does not have', async () => {
    const ws = await env.open();
    const lookup = (target: string): PropertyDocument => ({
      type: 'string',
      format: 'uuid',
      'x-tessera': { field: 'lookup', target, onDelete: 'setNull' },
    });
    await ws.deploy(
      set(object('dealer', {}), object('region', {}), object('shop', { owner_id_ref: lookup('dealer') })),
    );
    const dealer = await ws.records.insert('dealer', { name: 'D' });
    const shop = await ws.records.insert('shop', { name: 'S', owner_id_ref: dealer.id });
    const result = await ws.deploy(
      changed(
        docs(ws),
        'shop',
        (d) => ((d.properties.owner_id_ref as PropertyDocument)['x-tessera'].target = 'region'),
      ),
    );
    expect(result.plan.steps.map((s) => s.kind)).toEqual(['drop_foreign_key', 'add_foreign_key']);
    expect((await ws.records.get('shop', shop.id as string)).owner_id_ref).toBeNull();
    const region = await ws.records.insert('region', { name: 'East' });
    await ws.records.update('shop', shop.id as string, { owner_id_ref: region.id });
    await ws.records.delete('region', region.id as string);
    expect((await ws.records.get('shop', shop.id as string)).owner_id_ref).toBeNull();
  });

  it('never deletes master-detail children when the parent table is rebuilt', async () => {
    const ws = await env.open();
    const parentRef: PropertyDocument = {
      type: 'string',
      format: 'uuid',
      'x-tessera': { field: 'master_detail', target: 'work_order' },
    };
    await ws.deploy(
      set(
        object('work_order', { code: integer() }),
        object('part_use', { order_id: parentRef }, ['order_id']),
      ),
    );
    const orders = await ws.records.insertMany('work_order', [
      { name: 'W1', code: 1 },
      { name: 'W2', code: 2 },
    ]);
    await ws.records.insertMany(
      'part_use',
      Array.from({ length: 30 }, (_, i) => ({ name: `P${i}`, order_id: orders[i % 2]?.id })),
    );
    // integer→text rewrites the parent's column (a full table rebuild on SQLite).
    await ws.deploy(changed(docs(ws), 'work_order', (d) => (d.properties.code = text())));
    // Making the child's link a plain lookup and back rebuilds the child's foreign keys.
    await ws.deploy(
      changed(docs(ws), 'part_use', (d) => {
        (d.properties.order_id as PropertyDocument)['x-tessera'] = {
          ...parentRef['x-tessera'],
          field: 'lookup',
          onDelete: 'restrict',
        };
      }),
    );
    await ws.deploy(changed(docs(ws), 'part_use', (d) => (d.properties.order_id = parentRef)));
    expect(await ws.records.list('part_use', { limit: 100 })).toHaveLength(30);
    // Cascade still works after the rebuilds.
    await ws.records.delete('work_order', orders[0]?.id as string);
    expect(await ws.records.list('part_use', { limit: 100 })).toHaveLength(15);
  });

  it('refuses changes it cannot make safely, with a clear reason', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('quote', { total: integer() })));
    const error = await rejection(
      ws.deploy(
        changed(docs(ws), 'quote', (d) => {
          d.properties.total = {
            type: 'number',
            readOnly: true,
            'x-tessera': { field: 'formula', returns: 'number', formula: '1' },
          };
        }),
      ),
    );
    expect(error.code).toBe('unsupported_change');
    expect(error.message).toContain('add a new field of type "formula" instead');
  });

  it('answers an unchanged deploy without a new version, and a dry run without changing anything', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('area', {})));
    const same = await ws.deploy(docs(ws));
    expect(same).toMatchObject({ applied: false, version: 1, plan: { steps: [] } });
    const dry = await ws.deploy(
      changed(docs(ws), 'area', (d) => (d.properties.code = text())),
      { dryRun: true },
    );
    expect(dry.plan.steps.map((s) => s.description)).toEqual(['Add text field "area.code"']);
    expect(ws.model.object('area').fields.has('code')).toBe(false);
    expect(await ws.history()).toHaveLength(1);
  });
});

describe('invalid documents', () => {
  it('are refused before anything is planned', async () => {
    const { Workspace } = await import('../index.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const ws = await Workspace.open({ dataDir: mkdtempSync(`${tmpdir()}/tessera-`), workspace: 'bad' });
    const error = await rejection(ws.deploy(set(object('Bad Name', {}))));
    expect(error.code).toBe('invalid_documents');
    expect(error.issues[0]).toMatchObject({ pointer: '/x-tessera/apiName', code: 'bad_api_name' });
    expect(await ws.history()).toEqual([]);
    await ws.close();
  });
});
