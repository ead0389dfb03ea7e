import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, set, text } from '../../test/documents.js';

const DOCS = set(
  object('account', { city: text() }),
  object('asset', {
    customer_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
    serial: text(),
  }),
);

describeEachDialect('expand', (env) => {
  it('puts the linked records inline, whatever fields were asked for', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const [acme, globex] = await ws.records.insertMany('account', [
      { name: 'Acme', city: 'Shanghai' },
      { name: 'Globex', city: 'Shenzhen' },
    ]);
    await ws.records.insertMany('asset', [
      { name: 'a1', customer_id: acme?.id },
      { name: 'a2', customer_id: globex?.id },
      { name: 'a3', customer_id: acme?.id },
      { name: 'a4' },
    ]);
    const page = await ws.records.page('asset', { sort: 'name', expand: ['customer_id'], fields: ['name'] });
    expect(
      page.data.map((r) => [
        r.name,
        (r._expanded as Record<string, { name: string } | null>).customer_id?.name ?? null,
      ]),
    ).toEqual([
      ['a1', 'Acme'],
      ['a2', 'Globex'],
      ['a3', 'Acme'],
      ['a4', null],
    ]);
    // `fields` left the link out, so it stays out; the expansion still finds it.
    expect(page.data[0]).not.toHaveProperty('customer_id');
    expect(page.data[0]).toMatchObject({ _expanded: { customer_id: acme } });
    const one = await ws.records.get('asset', page.data[1]?.id as string, { expand: ['customer_id'] });
    expect(one).toMatchObject({ customer_id: globex?.id, _expanded: { customer_id: globex } });
  });

  it('refuses to expand what is not a link', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    for (const [expand, code] of [
      [['serial'], 'not_a_reference'],
      [['nope'], 'unknown_field'],
      [Array.from({ length: 11 }, () => 'customer_id'), 'too_many_expands'],
    ] as const)
      await expect(ws.records.page('asset', { expand })).rejects.toMatchObject({
        issues: [{ pointer: '/expand', code }],
      });
  });
});
