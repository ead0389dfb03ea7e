/** Dependent picklists: each record's combination is checked on create, update and bulk, on both dialects. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object } from '../../test/documents.js';
import type { TesseraError } from '../errors.js';

const picklist = (values: string[], extra: Record<string, unknown> = {}) => ({
  type: 'string',
  enum: values,
  'x-tessera': { field: 'picklist' as const, options: values.map((value) => ({ value })), ...extra },
});
const store = object('store', {
  country: picklist(['CN', 'US']),
  province: {
    ...picklist([]),
    enum: ['Zhejiang', 'Jiangsu', 'Texas', 'Other'],
    'x-tessera': {
      field: 'picklist' as const,
      controllingField: 'country',
      options: [
        { value: 'Zhejiang', validFor: ['CN'] },
        { value: 'Jiangsu', validFor: ['CN'] },
        { value: 'Texas', validFor: ['US'] },
        { value: 'Other' },
      ],
    },
  },
});

const issues = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code} ${i.message}`),
  );

describeEachDialect('dependent picklists', (env) => {
  it('allow an option only under its controlling values, on create, update and bulk', async () => {
    const ws = await env.open();
    await ws.deploy({ objects: [store] });
    expect(
      await issues(ws.records.insert('store', { name: 'a', country: 'CN', province: 'Zhejiang' })),
    ).toEqual([]);
    expect(
      await issues(ws.records.insert('store', { name: 'b', country: 'US', province: 'Zhejiang' })),
    ).toEqual(['/province dependent_value "Zhejiang" is not allowed when country is "US"']);
    expect(await issues(ws.records.insert('store', { name: 'c', province: 'Texas' }))).toEqual([
      '/province dependent_value "Texas" needs country to be chosen first',
    ]);
    expect(await issues(ws.records.insert('store', { name: 'd', country: 'US', province: 'Other' }))).toEqual(
      [],
    );
    const made = await ws.records.insert('store', { name: 'e', country: 'US', province: 'Texas' });
    // Changing only the controlling field may not strand the dependent value.
    expect(await issues(ws.records.update('store', made.id as string, { country: 'CN' }))).toEqual([
      '/province dependent_value "Texas" is not allowed when country is "CN"',
    ]);
    expect((await ws.records.get('store', made.id as string)).country).toBe('US');
    expect(
      await issues(ws.records.update('store', made.id as string, { country: 'CN', province: 'Jiangsu' })),
    ).toEqual([]);
    expect(
      await issues(
        ws.records.bulk('store', {
          operation: 'create',
          records: [
            { name: 'f', country: 'CN', province: 'Jiangsu' },
            { name: 'g', country: 'CN', province: 'Texas' },
          ],
        }),
      ),
    ).toEqual(['/records/1/province dependent_value "Texas" is not allowed when country is "CN"']);
  });
});
