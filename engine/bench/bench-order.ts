/** The object of the insert scenario (ten fields of mixed types) and deterministic records of it. */
import type { DocumentSet, ObjectDocument, RecordData } from '../src/index.js';

const STATUSES = ['new', 'confirmed', 'shipped', 'cancelled'];

export const ORDER_DOCUMENTS: DocumentSet = {
  objects: [
    {
      type: 'object',
      'x-tessera': { apiName: 'bench_order', nameField: 'name' },
      properties: {
        name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
        code: { type: 'string', maxLength: 40, 'x-tessera': { field: 'text' } },
        quantity: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
        amount: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
        weight: { type: 'number', 'x-tessera': { field: 'number', scale: 3 } },
        order_date: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
        paid: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
        status: {
          type: 'string',
          enum: STATUSES,
          default: 'new',
          'x-tessera': {
            field: 'picklist',
            options: STATUSES.map((value) => ({ value, label: { en: value } })),
          },
        },
        contact_email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
        notes: { type: 'string', maxLength: 4000, 'x-tessera': { field: 'textarea' } },
      },
      required: ['name'],
    },
  ],
};

export function orderRecords(count: number, offset = 0): RecordData[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    return {
      name: `Order ${i}`,
      code: `ORD-${String(i).padStart(7, '0')}`,
      quantity: i % 500,
      amount: (i % 100_000) / 100,
      weight: (i % 7000) / 1000,
      order_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      paid: i % 3 === 0,
      status: STATUSES[i % STATUSES.length],
      contact_email: `buyer${i}@example.com`,
      notes: i % 4 === 0 ? null : `Deliver to dock ${i % 17}, ask for the night shift.`,
    };
  });
}

/** Field names in document order: the column order after the system columns. */
export const ORDER_FIELDS = Object.keys((ORDER_DOCUMENTS.objects[0] as ObjectDocument).properties);
