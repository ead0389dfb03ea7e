import { expect, it } from 'vitest';
import { describeEachDialect } from '../test/dialects.js';
import { object, set, text } from '../test/documents.js';

describeEachDialect('smoke', (env) => {
  it('deploys, writes and reads', async () => {
    const ws = await env.open();
    const r = await ws.deploy(set(object('account', { city: text() })));
    expect(r.version).toBe(1);
    const rec = await ws.records.insert('account', { name: 'Acme', city: 'Shanghai' });
    expect(rec.name).toBe('Acme');
    const got = await ws.records.get('account', rec.id as string);
    expect(got).toEqual(rec);
    const list = await ws.records.list('account', { filter: { city: { contains: 'shang' } } });
    expect(list).toHaveLength(1);
  });
});
