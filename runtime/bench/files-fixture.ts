/**
 * The import/export bench's objects: accounts with a unique code, and orders of ten columns, one of them a
 * lookup to an account. Records and CSV text are made by index, so every run has the same data.
 */
import type { DocumentSet, RecordData } from '@tessera/engine';

export const ACCOUNTS = 1_000;
const STATUSES = ['new', 'open', 'won', 'lost'];

export const FILE_DOCUMENTS: DocumentSet = {
  objects: [
    {
      type: 'object',
      'x-tessera': { apiName: 'bench_account', nameField: 'name' },
      properties: {
        name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
        code: { type: 'string', maxLength: 20, 'x-tessera': { field: 'text', unique: true } },
      },
      required: ['name'],
    },
    {
      type: 'object',
      'x-tessera': { apiName: 'bench_order', nameField: 'name' },
      properties: {
        name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
        qty: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
        price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
        due: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
        signed_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
        active: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
        status: {
          type: 'string',
          enum: STATUSES,
          'x-tessera': { field: 'picklist', options: STATUSES.map((value) => ({ value })) },
        },
        email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
        note: { type: 'string', maxLength: 200, 'x-tessera': { field: 'text' } },
        account_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'lookup', target: 'bench_account' },
        },
      },
      required: ['name'],
    },
  ],
};

export const account = (i: number): RecordData => ({ name: `Account ${i}`, code: `AC-${i}` });

/** An order's fields but its lookup. */
export const order = (i: number): RecordData => ({
  name: `Order ${String(i).padStart(7, '0')}`,
  qty: i % 1000,
  price: (i % 50_000) / 100,
  due: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  signed_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  active: i % 2 === 0,
  status: STATUSES[i % STATUSES.length] as string,
  email: `buyer${i}@example.com`,
  note: `note ${i}`,
});

/** A CSV of `rows` orders, the lookup by the account's unique code (`account_id.code`). */
export function ordersCsv(rows: number, from = 0): string {
  const keys = Object.keys(order(0));
  const lines = [[...keys, 'account_id.code'].join(',')];
  for (let i = from; i < from + rows; i++) {
    const o = order(i);
    lines.push([...keys.map((k) => String(o[k])), `AC-${i % ACCOUNTS}`].join(','));
  }
  return `${lines.join('\n')}\n`;
}
