/** Formula fields: checked at deploy, computed on every read and write path, across lookups, on both dialects. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { formula, object, text } from '../../test/documents.js';
import type { TesseraError } from '../errors.js';
import { subjectOf } from '../identity/users.js';
import type { DocumentSet, ObjectDocument, PropertyDocument } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';

const account = object('account', {
  region: {
    type: 'string',
    enum: ['east', 'west'],
    'x-tessera': { field: 'picklist', options: [{ value: 'east' }, { value: 'west' }] },
  },
});
const order = object('order', {
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
  quantity: { type: 'integer', 'x-tessera': { field: 'integer' } },
  price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  discount: { type: 'number', 'x-tessera': { field: 'percent' } },
  total: formula('quantity * price * (1 - BLANKVALUE(discount, 0) / 100)', 'number', { scale: 2 }),
  big: formula('total > 1000', 'boolean'),
  label: formula('name & " @ " & account_id.name & " (" & TEXT(account_id.region) & ")"', 'text'),
  due: formula('DATEVALUE(created_at) + 30', 'date'),
  per_unit: formula('total / quantity', 'number', { scale: 4 }),
});
const DOCS: DocumentSet = {
  objects: [account, order],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'clerk',
      objects: { order: { read: true, create: true, edit: true }, account: { read: true } },
      fields: { order: { price: 'none', big: 'none' } },
    },
  ],
};

const code = async (p: Promise<unknown>) => p.then(() => 'ok').catch((e: TesseraError) => e.code);

describeEachDialect('formula fields', (env) => {
  let ws: Workspace;
  let accountId: string;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    accountId = (await ws.records.insert('account', { name: 'Acme', region: 'east' })).id as string;
  });

  it('computes on create, and the same on get, list, fields= and expand', async () => {
    const made = await ws.records.insert('order', {
      name: 'PO-1',
      account_id: accountId,
      quantity: 3,
      price: 400.1,
      discount: 10,
    });
    expect(made).toMatchObject({ total: 1080.27, big: true, label: 'PO-1 @ Acme (east)', per_unit: 360.09 });
    expect(made.due).toBe(
      new Date(Date.parse(made.created_at as string) + 30 * 86_400_000).toISOString().slice(0, 10),
    );
    const id = made.id as string;
    expect(await ws.records.get('order', id)).toEqual(made);
    const [listed] = await ws.records.list('order', { filter: { id: { eq: id } } });
    expect(listed).toEqual(made);
    expect(await ws.records.get('order', id, { fields: ['total', 'label'] })).toEqual({
      id,
      total: 1080.27,
      label: 'PO-1 @ Acme (east)',
    });
    const account2 = await ws.records.insert('account', { name: 'Beta' });
    const child = await ws.records.insert('order', {
      name: 'PO-2',
      account_id: account2.id,
      quantity: 1,
      price: 5,
    });
    const page = await ws.records.page('order', { filter: { id: { eq: child.id } }, expand: ['account_id'] });
    expect(page.data[0]).toMatchObject({ label: 'PO-2 @ Beta ()', total: 5, big: false });
  });

  it('says plainly that a formula reading another object cannot be filtered or sorted on', async () => {
    const why = (p: Promise<unknown>) =>
      p.then(
        () => [],
        (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code}: ${i.message}`),
      );
    expect(await why(ws.records.list('order', { filter: { label: { eq: 'x' } } }))).toEqual([
      '/filter/label not_filterable: "label" is a formula computed when read (it reads another object, or TODAY or NOW): it cannot be filtered on',
    ]);
    expect(await why(ws.records.list('order', { sort: '-label' }))).toEqual([
      '/sort not_sortable: "label" cannot be sorted on: it is a formula computed when read (it reads another object, or TODAY or NOW)',
    ]);
    expect(await why(ws.records.list('order', { sort: 'nothing' }))).toEqual([
      '/sort unknown_field: "nothing" is not a field of order',
    ]);
  });

  it('recomputes on update, and a blank input or a division by zero makes a blank, not an error', async () => {
    const made = await ws.records.insert('order', { name: 'PO-3', quantity: 2, price: 10 });
    expect(made).toMatchObject({ total: 20, label: 'PO-3 @  ()', per_unit: 10 });
    const changed = await ws.records.update('order', made.id as string, { quantity: 0 });
    expect(changed).toMatchObject({ total: 0, per_unit: null });
    const blank = await ws.records.update('order', made.id as string, { price: null });
    expect(blank).toMatchObject({ total: null, big: false });
    const [bulk] = await ws.records.bulk('order', {
      operation: 'create',
      records: [{ name: 'PO-4', quantity: 4, price: 2.5 }],
    });
    expect(bulk?.data).toMatchObject({ total: 10 });
  });

  it('a formula field obeys field-level security, while it computes from fields the user cannot see', async () => {
    const clerk = await ws.users.create(
      { email: `clerk-${env.dialect}@example.com`, permissionSets: ['clerk'] },
      ws.model.documents,
    );
    const made = await ws.recordsFor(subjectOf(clerk)).insert('order', { name: 'PO-5', quantity: 5 });
    await ws.records.update('order', made.id as string, { price: 300 });
    const seen = await ws.recordsFor(subjectOf(clerk)).get('order', made.id as string);
    expect(seen).toMatchObject({ total: 1500 });
    expect(seen).not.toHaveProperty('price');
    expect(seen).not.toHaveProperty('big');
    expect(
      await code(ws.recordsFor(subjectOf(clerk)).get('order', made.id as string, { fields: ['big'] })),
    ).toBe('invalid_query');
  });

  it('refuses, at deploy, a formula naming a missing field, mixing types, or depending on itself', async () => {
    const broken = (props: Record<string, PropertyDocument>): DocumentSet => ({
      objects: [account, { ...order, properties: { ...order.properties, ...props } } as ObjectDocument],
    });
    const issues = async (set: DocumentSet) =>
      ws.deploy(set).then(
        () => [],
        (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code} ${i.message}`),
      );
    expect(await issues(broken({ x: formula('colour & "!"', 'text') }))).toEqual([
      '/properties/x/x-tessera/formula formula_unknown_field there is no field "colour" (line 1, column 1 of the formula)',
    ]);
    expect(await issues(broken({ x: formula('name * 2', 'number') }))).toEqual([
      '/properties/x/x-tessera/formula formula_type * cannot combine text and a number (line 1, column 6 of the formula)',
    ]);
    expect(await issues(broken({ x: formula('quantity + 1', 'text') }))).toEqual([
      '/properties/x/x-tessera/formula formula_type the formula gives number, but the field returns text',
    ]);
    expect(await issues(broken({ a: formula('b + 1', 'number'), b: formula('a + 1', 'number') }))).toEqual([
      '/properties/a/x-tessera/formula formula_cycle formulas depend on each other in a circle: a → b → a',
      '/properties/b/x-tessera/formula formula_cycle formulas depend on each other in a circle: b → a → b',
    ]);
    expect(await issues(broken({ x: formula('account_id.nope', 'text') }))).toHaveLength(1);
    expect(await issues(broken({ x: formula('ISCHANGED(price)', 'boolean') }))).toEqual([
      '/properties/x/x-tessera/formula formula_type ISCHANGED can only be used in validation rules and automation conditions (line 1, column 1 of the formula)',
    ]);
    expect(ws.model.object('order').fields.has('x')).toBe(false);
  });

  it('keeps text fields usable in formulas of other objects through lookups', async () => {
    const note = object('note', {
      order_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'order' } },
      placed_with: formula('order_id.account_id.name', 'text'),
      body: text(),
    });
    await ws.deploy({ ...ws.model.documents, objects: [...ws.model.documents.objects, note] });
    const po = await ws.records.insert('order', { name: 'PO-6', account_id: accountId });
    const made = await ws.records.insert('note', { name: 'n', order_id: po.id });
    expect(made.placed_with).toBe('Acme');
  });
});
