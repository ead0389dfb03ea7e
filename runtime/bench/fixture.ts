/** The bench table: an object of eight fields and 100,000 records, shared by both servers under test. */
import type { DocumentSet, RecordData } from '@tessera/engine';

export const OBJECT = 'bench_item';
export const ROWS = 100_000;
export const TOKEN = 'bench-token';
const STATUSES = ['new', 'open', 'won', 'lost'];

export const DOCUMENTS: DocumentSet = {
  objects: [
    {
      type: 'object',
      'x-tessera': { apiName: OBJECT, nameField: 'name' },
      properties: {
        name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
        qty: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
        price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
        due: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
        active: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
        status: {
          type: 'string',
          enum: STATUSES,
          'x-tessera': { field: 'picklist', options: STATUSES.map((value) => ({ value })) },
        },
        email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
      },
      required: ['name'],
    },
  ],
};

export const record = (i: number): RecordData => ({
  name: `Item ${String(i).padStart(6, '0')}`,
  qty: i % 1000,
  price: (i % 50_000) / 100,
  due: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  active: i % 2 === 0,
  status: STATUSES[i % STATUSES.length] as string,
  email: `buyer${i}@example.com`,
});

/** The list scenario's query: a range, a picklist value, a sort and a page of 50. */
export const LIST_FILTER = { qty: { gte: 100, lt: 400 }, status: { eq: 'open' } };
export const LIST_SORT = 'name';
