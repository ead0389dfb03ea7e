/**
 * Stored formulas: a formula of its own record's values is kept in a column, current through every write path,
 * roll-up recounts and deploys that change it, so lists filter and sort on it; on both dialects.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { changed, formula, object } from '../../test/documents.js';
import { SYSTEM_SUBJECT } from '../access/subject.js';
import type { TesseraError } from '../errors.js';
import type { DocumentSet, PropertyDocument } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';
import { clockIn } from './formula-clock.js';

const order = object('order', {
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
  quantity: { type: 'integer', 'x-tessera': { field: 'integer' } },
  price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  paid: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  lines: { type: 'number', 'x-tessera': { field: 'rollup', summarizedObject: 'line', function: 'count' } },
  total: formula('quantity * price', 'currency'),
  balance: formula('BLANKVALUE(total, 0) - BLANKVALUE(paid, 0)', 'currency'),
  open: formula('balance > 0', 'boolean'),
  code: formula('UPPER(LEFT(name, 3)) & "-" & TEXT(lines)', 'text'),
  due: formula('DATEVALUE(created_at) + 30', 'date'),
  has_account: formula('NOT(ISBLANK(account_id))', 'boolean'),
  region: formula('account_id.name', 'text'),
  age: formula('TODAY() - DATEVALUE(created_at)', 'number'),
});
order['x-tessera'].trackHistory = true;
const line = object(
  'line',
  { order_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'master_detail', target: 'order' } } },
  ['order_id'],
);
const DOCS: DocumentSet = { objects: [object('account', {}), order, line] };

const names = (rows: Record<string, unknown>[]) => rows.map((r) => r.name);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code}`).join(),
  );

describeEachDialect('stored formulas', (env) => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    await ws.records.insertMany('order', [
      { name: 'alpha', quantity: 2, price: 10.5, paid: 21 },
      { name: 'beta', quantity: 10, price: 3.33 },
      { name: 'gamma', quantity: 1, price: 99.99, paid: 50 },
      { name: 'delta' },
    ]);
  });

  it('stores formulas of the record alone; those reading another object, the time or a lookup stay computed', () => {
    const stored = [...ws.model.object('order').fields.values()]
      .filter((f) => f.type === 'formula' && f.columns)
      .map((f) => f.name);
    expect(stored).toEqual(['total', 'balance', 'open', 'code', 'due']);
  });

  it('filters, sorts and counts on stored formulas, with the values reads show', async () => {
    const open = await ws.records.list('order', { filter: { open: { eq: true } }, sort: '-balance' });
    expect(open.map((r) => [r.name, r.balance])).toEqual([
      ['gamma', 49.99],
      ['beta', 33.3],
    ]);
    expect(names(await ws.records.list('order', { filter: { total: { gte: 21 } }, sort: 'total' }))).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    expect(names(await ws.records.list('order', { filter: { code: { startsWith: 'GAM' } } }))).toEqual([
      'gamma',
    ]);
    expect(await ws.records.count('order', { total: { isNull: true } })).toBe(1);
    const [first] = await ws.records.list('order', { sort: 'due', limit: 1 });
    expect(first?.due).toBe(
      new Date(Date.parse(first?.created_at as string) + 30 * 86_400_000).toISOString().slice(0, 10),
    );
  });

  it("computes formulas that read the time with the caller's day", async () => {
    const day = (timeZone: string) => clockIn(timeZone).today;
    const age = async (timeZone: string) =>
      (await ws.recordsFor(SYSTEM_SUBJECT, { locale: 'en', timeZone }).list('order', { limit: 1 }))[0]?.age;
    const ahead = (await age('Pacific/Kiritimati')) as number;
    const behind = (await age('Pacific/Pago_Pago')) as number;
    expect(ahead - behind).toBe(
      (Date.parse(day('Pacific/Kiritimati')) - Date.parse(day('Pacific/Pago_Pago'))) / 86_400_000,
    );
    expect(ahead - behind).toBeGreaterThan(0);
  });

  it('refuses operators that do not fit what the formula returns, and formulas computed when read', async () => {
    expect(await refusal(ws.records.list('order', { filter: { open: { gt: true } } }))).toBe(
      '/filter/open/gt operator_not_allowed',
    );
    expect(await refusal(ws.records.list('order', { filter: { total: { eq: 'many' } } }))).toBe(
      '/filter/total/eq bad_value',
    );
    for (const field of ['region', 'age', 'has_account'])
      expect(await refusal(ws.records.list('order', { filter: { [field]: { isNull: true } } }))).toBe(
        `/filter/${field} not_filterable`,
      );
    expect(await refusal(ws.records.list('order', { sort: 'age' }))).toBe('/sort not_sortable');
  });

  it('stays current through update, bulk upsert, and roll-up recounts of children', async () => {
    const [alpha] = await ws.records.list('order', { filter: { name: { eq: 'alpha' } } });
    const id = alpha?.id as string;
    expect(await ws.records.update('order', id, { paid: 1 })).toMatchObject({ balance: 20, open: true });
    // History keeps what people changed; the formulas that followed from it are not history.
    expect((await ws.records.history('order', id)).map((c) => c.field)).toEqual(['paid']);
    expect(names(await ws.records.list('order', { filter: { balance: { eq: 20 } } }))).toEqual(['alpha']);
    await ws.records.bulk('order', { operation: 'update', records: [{ id, quantity: 0 }] });
    expect(await ws.records.get('order', id)).toMatchObject({ total: 0, balance: -1, open: false });

    expect((await ws.records.get('order', id)).code).toBe('ALP-0');
    const child = await ws.records.insert('line', { name: 'l1', order_id: id });
    await ws.records.insert('line', { name: 'l2', order_id: id });
    expect(names(await ws.records.list('order', { filter: { code: { eq: 'ALP-2' } } }))).toEqual(['alpha']);
    await ws.records.delete('line', child.id as string);
    expect(names(await ws.records.list('order', { filter: { code: { eq: 'ALP-1' } } }))).toEqual(['alpha']);
  });

  it('recomputes every record when a deploy changes a formula, its type, or whether it is stored', async () => {
    const redeploy = async (props: Record<string, PropertyDocument>) =>
      ws.deploy(
        changed(ws.model.documents, 'order', (doc) => {
          for (const [name, prop] of Object.entries(props)) {
            const id = doc.properties[name]?.['x-tessera'].id;
            doc.properties[name] = { ...prop, 'x-tessera': { ...prop['x-tessera'], ...(id ? { id } : {}) } };
          }
        }),
      );
    await redeploy({ total: formula('quantity * price * 2', 'currency') });
    expect(names(await ws.records.list('order', { filter: { total: { eq: 66.6 } } }))).toEqual(['beta']);
    // balance reads total: it follows, though its own definition did not change.
    expect(names(await ws.records.list('order', { filter: { balance: { eq: 66.6 } } }))).toEqual(['beta']);

    const asNumber = await redeploy({ code: formula('LEN(name) + lines', 'number') });
    expect(asNumber.plan.steps.map((s) => s.description)).toContain(
      'Store formula "order.code" as its new type (computed again for every record)',
    );
    expect(names(await ws.records.list('order', { filter: { code: { lt: 5 } } }))).toEqual(['beta']);

    const computed = await redeploy({
      total: formula('IF(TODAY() > DATE(2000, 1, 1), quantity * price, 0)', 'number'),
    });
    expect(computed.plan.steps.map((s) => s.description)).toContain(
      'Compute formula "order.total" when read, no longer stored (its stored values are dropped)',
    );
    // What reads it is computed when read too, now.
    expect(await refusal(ws.records.list('order', { filter: { total: { eq: 1 } } }))).toBe(
      '/filter/total not_filterable',
    );
    expect(await refusal(ws.records.list('order', { sort: 'balance' }))).toBe('/sort not_sortable');
    expect((await ws.records.list('order', { filter: { name: { eq: 'beta' } } }))[0]).toMatchObject({
      total: 33.3,
      balance: 33.3,
      open: true,
    });

    await redeploy({ total: formula('quantity * price', 'currency') });
    expect(names(await ws.records.list('order', { filter: { total: { eq: 33.3 } } }))).toEqual(['beta']);
    expect(names(await ws.records.list('order', { filter: { balance: { eq: 33.3 } } }))).toEqual(['beta']);
  });

  it('a workspace opened without the columns (an older Tessera) gets them, filled, before any read', async () => {
    await ws.storage.migrate(async (_, schema) => {
      await schema.dropColumn('order', 'balance');
      await schema.dropColumn('order', 'open');
    });
    const upgraded = await env.reopen(ws);
    expect(
      names(await upgraded.records.list('order', { filter: { open: { eq: true } }, sort: 'name' })),
    ).toEqual(['beta', 'gamma']);
    expect((await upgraded.records.list('order', { filter: { name: { eq: 'gamma' } } }))[0]?.balance).toBe(
      49.99,
    );
  });
});
