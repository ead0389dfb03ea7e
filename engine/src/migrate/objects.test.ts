import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { changed, object, set } from '../../test/documents.js';
import type { ObjectDocument, PropertyDocument } from '../index.js';

const lookup = (target: string, onDelete: 'restrict' | 'setNull' = 'setNull'): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field: 'lookup', target, onDelete },
});

describeEachDialect('object migrations', (env) => {
  it('renames an object: its records stay, and lookups to it keep working', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('dealer', {}), object('store', { dealer_id: lookup('dealer', 'restrict') })));
    const dealer = await ws.records.insert('dealer', { name: '华东经销商' });
    const store = await ws.records.insert('store', { name: '徐汇店', dealer_id: dealer.id });
    const next = structuredClone(ws.model.documents);
    const dealerDoc = next.objects.find((d) => d['x-tessera'].apiName === 'dealer') as ObjectDocument;
    dealerDoc['x-tessera'].apiName = 'distributor';
    const storeDoc = next.objects.find((d) => d['x-tessera'].apiName === 'store') as ObjectDocument;
    (storeDoc.properties.dealer_id as PropertyDocument)['x-tessera'].target = 'distributor';
    const result = await ws.deploy(next);
    expect(result.plan.steps.map((s) => `${s.kind} ${s.object}`)).toEqual([
      'rename_object distributor',
      'update_definition store',
    ]);
    expect(await ws.records.get('distributor', dealer.id as string)).toMatchObject({ name: '华东经销商' });
    expect(await ws.records.get('store', store.id as string)).toMatchObject({ dealer_id: dealer.id });
    await expect(ws.records.delete('distributor', dealer.id as string)).rejects.toMatchObject({
      code: 'delete_restricted',
    });
    await expect(ws.records.list('dealer')).rejects.toMatchObject({ code: 'unknown_object' });
  });

  it('creates objects that look each other up, whatever order they come in', async () => {
    const ws = await env.open();
    const result = await ws.deploy(
      set(
        object('visit', { store_id: lookup('store') }),
        object('store', { last_visit_id: lookup('visit'), region_id: lookup('region') }),
        object('region', { parent_id: lookup('region') }),
      ),
    );
    const kinds = result.plan.steps.map((s) => `${s.kind} ${s.object}`);
    expect(kinds.indexOf('create_object region')).toBeLessThan(kinds.indexOf('create_object store'));
    expect(kinds.at(-1)).toMatch(/^add_foreign_key /);
    const region = await ws.records.insert('region', { name: 'East' });
    const sub = await ws.records.insert('region', { name: 'Shanghai', parent_id: region.id });
    const store = await ws.records.insert('store', { name: 'S', region_id: sub.id });
    const visit = await ws.records.insert('visit', { name: 'V', store_id: store.id });
    await ws.records.update('store', store.id as string, { last_visit_id: visit.id });
    await ws.records.delete('visit', visit.id as string);
    expect((await ws.records.get('store', store.id as string)).last_visit_id).toBeNull();
  });

  it('restores a deleted object whose lookups point to records deleted meanwhile', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('account', {}), object('contact', { account_id: lookup('account') })));
    const account = await ws.records.insert('account', { name: 'A' });
    const contact = await ws.records.insert('contact', { name: 'C', account_id: account.id });
    const withoutContact = (docs: typeof ws.model.documents) => ({
      objects: docs.objects.filter((d) => d['x-tessera'].apiName !== 'contact'),
    });
    await ws.deploy(withoutContact(ws.model.documents));
    // The hidden contact must not keep the account from being deleted …
    await ws.records.delete('account', account.id as string);
    // … and comes back with the now-dangling link cleared, as setNull promises.
    await ws.restoreObject('contact');
    expect(await ws.records.get('contact', contact.id as string)).toMatchObject({
      name: 'C',
      account_id: null,
    });
  });

  it('keeps trashed data out of new fields and new objects that reuse the names', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('asset', {})));
    await ws.records.insert('asset', { name: 'old' });
    await ws.deploy(set());
    await ws.deploy(set(object('asset', {})));
    expect(await ws.records.list('asset')).toEqual([]);
    await expect(ws.restoreObject('asset')).rejects.toMatchObject({ code: 'unsupported_change' });
    await ws.deploy(changed(ws.model.documents, 'asset', (d) => (d['x-tessera'].apiName = 'asset_new')));
    await ws.restoreObject('asset');
    expect((await ws.records.list('asset')).map((r) => r.name)).toEqual(['old']);
  });
});
