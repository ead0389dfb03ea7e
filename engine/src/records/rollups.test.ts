/** Roll-up summaries: exact through creates, edits, moves, deletes and bulk, backfilled at deploy, and under 8 concurrent writers. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { changed, formula, masterDetail, object, text } from '../../test/documents.js';
import { SYSTEM_SUBJECT } from '../access/subject.js';
import type { DocumentSet, ObjectDocument, PropertyDocument } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';

const rollup = (fn: string, extra: Record<string, unknown> = {}): PropertyDocument => ({
  type: 'number',
  'x-tessera': { field: 'rollup', summarizedObject: 'line', function: fn as 'sum', ...extra },
});
const order = (props: Record<string, PropertyDocument>): ObjectDocument => object('order', props);
const line = object(
  'line',
  {
    order_id: masterDetail('order'),
    amount: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  },
  ['order_id'],
);
const FULL = {
  total: rollup('sum', { summarizedField: 'amount' }),
  lines: rollup('count'),
  biggest: rollup('max', { summarizedField: 'amount' }),
  big_lines: rollup('count', { filter: { amount: { gte: 100 } } }),
};
const DOCS: DocumentSet = { objects: [order(FULL), line] };

/** The roll-ups as a recount from the children would give them. */
async function recount(ws: Workspace, orderId: string) {
  const lines = (await ws.records.list('line', { filter: { order_id: { eq: orderId } }, limit: 500 })).map(
    (l) => l.amount as number,
  );
  const cents = lines.reduce((sum, a) => sum + Math.round(a * 100), 0);
  return {
    total: cents / 100,
    lines: lines.length,
    biggest: lines.length ? Math.max(...lines) : null,
    big_lines: lines.filter((a) => a >= 100).length,
  };
}
const stored = async (ws: Workspace, id: string) => {
  const { total, lines, biggest, big_lines } = await ws.records.get('order', id);
  return { total, lines, biggest, big_lines };
};

describeEachDialect('roll-ups', (env) => {
  it('stay exact through creates, edits, moves between parents, deletes and bulk writes', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const a = (await ws.records.insert('order', { name: 'A' })).id as string;
    const b = (await ws.records.insert('order', { name: 'B' })).id as string;
    expect(await stored(ws, a)).toEqual({ total: 0, lines: 0, biggest: null, big_lines: 0 });
    const l1 = await ws.records.insert('line', { name: '1', order_id: a, amount: 0.1 });
    await ws.records.insert('line', { name: '2', order_id: a, amount: 0.2 });
    expect(await stored(ws, a)).toEqual({ total: 0.3, lines: 2, biggest: 0.2, big_lines: 0 });
    await ws.records.update('line', l1.id as string, { amount: 150 });
    expect(await stored(ws, a)).toEqual({ total: 150.2, lines: 2, biggest: 150, big_lines: 1 });
    await ws.records.update('line', l1.id as string, { order_id: b });
    expect(await stored(ws, a)).toEqual({ total: 0.2, lines: 1, biggest: 0.2, big_lines: 0 });
    expect(await stored(ws, b)).toEqual({ total: 150, lines: 1, biggest: 150, big_lines: 1 });
    await ws.records.delete('line', l1.id as string);
    expect(await stored(ws, b)).toEqual({ total: 0, lines: 0, biggest: null, big_lines: 0 });
    await ws.records.bulk('line', {
      operation: 'create',
      records: [
        { name: 'x', order_id: a, amount: 99.99 },
        { name: 'y', order_id: b, amount: 100 },
      ],
    });
    expect(await stored(ws, a)).toEqual(await recount(ws, a));
    expect(await stored(ws, b)).toEqual({ total: 100, lines: 1, biggest: 100, big_lines: 1 });
    await expect(ws.records.update('order', a, { total: 5 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('are computed for existing children when the roll-up is added', async () => {
    const ws = await env.open();
    await ws.deploy({ objects: [order({}), line] });
    const a = (await ws.records.insert('order', { name: 'A' })).id as string;
    await ws.records.insertMany('line', [
      { name: '1', order_id: a, amount: 10 },
      { name: '2', order_id: a, amount: 250.5 },
    ]);
    const empty = (await ws.records.insert('order', { name: 'empty' })).id as string;
    await ws.deploy({ objects: [order(FULL), line] });
    expect(await stored(ws, a)).toEqual({ total: 260.5, lines: 2, biggest: 250.5, big_lines: 1 });
    expect(await stored(ws, empty)).toEqual({ total: 0, lines: 0, biggest: null, big_lines: 0 });
  });

  it('stay exact under 8 concurrent writers adding, moving and deleting children', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const orders = await ws.records.insertMany('order', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    const ids = orders.map((o) => o.id as string);
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const writer = async (w: number) => {
      const mine: string[] = [];
      for (let step = 0; step < 25; step++) {
        const action = mine.length === 0 ? 0 : random(3);
        if (action === 0) {
          const made = await ws.records.insert('line', {
            name: `w${w}-${step}`,
            order_id: ids[random(3)],
            amount: (random(30000) + 1) / 100,
          });
          mine.push(made.id as string);
        } else if (action === 1) {
          await ws.records.update('line', mine[random(mine.length)] as string, { order_id: ids[random(3)] });
        } else {
          const [gone] = mine.splice(random(mine.length), 1);
          await ws.records.delete('line', gone as string);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    for (const id of ids) expect(await stored(ws, id)).toEqual(await recount(ws, id));
    const all = (await Promise.all(ids.map((id) => stored(ws, id)))).reduce(
      (n, s) => n + (s.lines as number),
      0,
    );
    expect(all).toBe(await ws.records.count('line'));
  });

  it('sum a stored formula of the child, kept exact as its inputs change, and rules read them across the lookup', async () => {
    const ws = await env.open();
    const priced = object(
      'line',
      {
        order_id: masterDetail('order'),
        qty: { type: 'integer', 'x-tessera': { field: 'integer' } },
        price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
        amount: formula('qty * price', 'currency'),
      },
      ['order_id'],
    );
    const limited = order({
      total: rollup('sum', { summarizedField: 'amount' }),
      cap: { type: 'number', 'x-tessera': { field: 'currency' } },
      headroom: formula('cap - total', 'currency'),
    });
    await ws.deploy({
      objects: [limited, priced],
      validationRules: [
        {
          kind: 'validation_rule',
          apiName: 'within_limit',
          object: 'line',
          // The order's total (a roll-up) and headroom (a stored formula) are read across the master-detail.
          formula: 'amount - IF(ISNEW(), 0, PRIORVALUE(amount)) > order_id.headroom',
          message: { en: 'Over the order limit' },
        },
      ],
    });
    const a = (await ws.records.insert('order', { name: 'A', cap: 100 })).id as string;
    const l1 = await ws.records.insert('line', { name: '1', order_id: a, qty: 3, price: 19.99 });
    await ws.records.insert('line', { name: '2', order_id: a, qty: 7, price: 0.1 });
    expect(await ws.records.get('order', a)).toMatchObject({ total: 60.67, headroom: 39.33 });
    await ws.records.update('line', l1.id as string, { qty: 4 });
    expect(await ws.records.get('order', a)).toMatchObject({ total: 80.66, headroom: 19.34 });
    await expect(
      ws.records.insert('line', { name: '3', order_id: a, qty: 1, price: 19.35 }),
    ).rejects.toMatchObject({ issues: [{ rule: 'within_limit' }] });
    await expect(ws.records.update('line', l1.id as string, { qty: 5 })).rejects.toMatchObject({
      issues: [{ rule: 'within_limit' }],
    });
    await ws.records.insert('line', { name: '3', order_id: a, qty: 1, price: 19.34 });
    expect(await ws.records.get('order', a)).toMatchObject({ total: 100, headroom: 0 });
    // A deploy that changes the formula recomputes it, and the roll-up over it, for every record.
    await ws.deploy(
      changed(ws.model.documents, 'line', (d) => {
        (d.properties.amount as PropertyDocument)['x-tessera'].formula = 'qty * price * 2';
      }),
    );
    expect(await ws.records.get('order', a)).toMatchObject({ total: 200 });
  });

  it('refuse to summarize a formula computed when read, or one that is not a number', async () => {
    const ws = await env.open();
    const child = (amount: PropertyDocument, extra: Record<string, PropertyDocument> = {}) =>
      object(
        'line',
        {
          order_id: masterDetail('order'),
          qty: { type: 'integer', 'x-tessera': { field: 'integer' } },
          amount,
          ...extra,
        },
        ['order_id'],
      );
    const parent = order({ total: rollup('sum', { summarizedField: 'amount' }), code: text() });
    const refused = async (line: ObjectDocument, message: string) =>
      expect(ws.deploy({ objects: [parent, line] })).rejects.toMatchObject({
        issues: [{ code: 'bad_rollup_field', message: expect.stringContaining(message) }],
      });
    await refused(child(formula('qty * LEN(order_id.code)', 'number')), 'computed when read');
    await refused(child(formula('IF(TODAY() > DATE(2020,1,1), qty, 0)', 'number')), 'computed when read');
    await refused(child(formula('TEXT(qty)', 'text')), 'formula returning text');
  });

  it('judge the parent’s rules that read a recounted roll-up, refusing the child’s write that breaks one', async () => {
    const ws = await env.open();
    await ws.deploy({
      objects: [
        order({
          total: rollup('sum', { summarizedField: 'amount' }),
          cap: { type: 'number', 'x-tessera': { field: 'currency' } },
          code: text(),
        }),
        line,
      ],
      validationRules: [
        {
          kind: 'validation_rule',
          apiName: 'within_cap',
          object: 'order',
          formula: 'total > cap',
          message: { en: 'The order is over its cap', 'zh-CN': '订单超出上限' },
        },
        // Reads no roll-up: a child's write never answers for it.
        {
          kind: 'validation_rule',
          apiName: 'coded',
          object: 'order',
          formula: 'AND(NOT(ISNEW()), ISBLANK(code))',
          message: { en: 'An order needs a code' },
        },
      ],
    });
    const a = (await ws.records.insert('order', { name: 'A', cap: 100 })).id as string;
    const l1 = await ws.records.insert('line', { name: '1', order_id: a, amount: 60 });
    await expect(ws.records.insert('line', { name: '2', order_id: a, amount: 40.01 })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ pointer: '', code: 'rule', rule: 'within_cap', message: 'The order is over its cap' }],
    });
    await expect(
      ws
        .recordsFor(SYSTEM_SUBJECT, { locale: 'zh-CN', timeZone: 'UTC' })
        .update('line', l1.id as string, { amount: 100.5 }),
    ).rejects.toMatchObject({ issues: [{ rule: 'within_cap', message: '订单超出上限' }] });
    expect((await ws.records.get('order', a)).total).toBe(60);
    expect(await ws.records.count('line')).toBe(1);
    await ws.records.insert('line', { name: '2', order_id: a, amount: 40 });
    await ws.records.delete('line', l1.id as string);
    expect((await ws.records.get('order', a)).total).toBe(40);
  });
});
