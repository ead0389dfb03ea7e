/** Auto-numbers: formatted, unique, consecutive and gap-free, under concurrency, on both dialects. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object } from '../../test/documents.js';
import type { DocumentSet } from '../metadata/types.js';
import { formatAutonumber } from './autonumbers.js';

const DOCS: DocumentSet = {
  objects: [
    object('asset', {
      code: { type: 'string', 'x-tessera': { field: 'autonumber', format: 'AST-{YYYY}-{0000}' } },
      size: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
    }),
  ],
};

it('formats date parts and a zero-padded counter, growing past its width', () => {
  const at = new Date('2024-03-09T23:59:59Z');
  expect(formatAutonumber('AST-{YYYY}-{0000}', 7, at)).toBe('AST-2024-0007');
  expect(formatAutonumber('{YY}{MM}{DD}-{00}', 123, at)).toBe('240309-123');
  expect(formatAutonumber('WO{000000}', 42, at)).toBe('WO000042');
});

describeEachDialect('auto-numbers', (env) => {
  const year = String(new Date().getUTCFullYear());
  const numberOf = (code: unknown) => Number(String(code).split('-')[2]);

  it('numbers creates and bulk creates in order; a refused write takes no number', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const first = await ws.records.insert('asset', { name: 'a' });
    expect(first.code).toBe(`AST-${year}-0001`);
    expect((await ws.records.get('asset', first.id as string)).code).toBe(`AST-${year}-0001`);
    const batch = await ws.records.insertMany('asset', [{ name: 'b' }, { name: 'c' }]);
    expect(batch.map((r) => r.code)).toEqual([`AST-${year}-0002`, `AST-${year}-0003`]);
    await expect(
      ws.records.insertMany('asset', [{ name: 'd' }, { name: 'e', size: -1 }]),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(ws.records.insert('asset', { name: 'f', code: 'AST-mine' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const [bulk] = await ws.records.bulk('asset', { operation: 'create', records: [{ name: 'g' }] });
    expect(bulk?.data.code).toBe(`AST-${year}-0004`);
  });

  it('numbers the records an object already has, oldest first, when the field is added', async () => {
    const ws = await env.open();
    await ws.deploy({ objects: [object('asset', {})] });
    const old = await ws.records.insertMany('asset', [{ name: 'first' }, { name: 'second' }]);
    await ws.deploy(DOCS);
    const codes = await Promise.all(
      old.map(async (r) => (await ws.records.get('asset', r.id as string)).code),
    );
    expect(codes.sort()).toEqual([`AST-${year}-0001`, `AST-${year}-0002`]);
    expect((await ws.records.insert('asset', { name: 'third' })).code).toBe(`AST-${year}-0003`);
  });

  it('1,000 concurrent creates get 1,000 distinct, consecutive numbers', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const made = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => ws.records.insert('asset', { name: `n${i}` })),
    );
    const numbers = made.map((r) => numberOf(r.code)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const stored = (await ws.records.list('asset', { limit: 500, sort: '-code' })).map((r) =>
      numberOf(r.code),
    );
    expect(stored[0]).toBe(1000);
  });
});
