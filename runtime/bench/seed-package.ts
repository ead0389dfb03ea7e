/** A package whose seed data is about `bytes` long: categories, and items that look them up by name. */
export const CATEGORIES = 50;

const field = (type: string, extra: Record<string, unknown> = {}) => ({
  'x-tessera': { field: type },
  ...extra,
});

export function seedPackage(bytes: number, row: (i: number) => string = itemRow) {
  const lines = ['name,qty,price,status,due,category'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = row(i);
    lines.push(line);
    size += line.length + 1;
  }
  return {
    manifest: { name: 'seedbench', version: '1.0.0' },
    documents: {
      objects: [
        {
          type: 'object',
          'x-tessera': { apiName: 'category', nameField: 'name' },
          properties: { name: { type: 'string', maxLength: 80, ...field('text') } },
        },
        {
          type: 'object',
          'x-tessera': { apiName: 'item', nameField: 'name' },
          properties: {
            name: { type: 'string', maxLength: 80, ...field('text') },
            qty: { type: 'integer', ...field('integer') },
            price: { type: 'number', ...field('currency') },
            status: {
              type: 'string',
              enum: ['new', 'used'],
              'x-tessera': {
                field: 'picklist',
                options: [
                  { value: 'new', label: { en: 'New' } },
                  { value: 'used', label: { en: 'Used' } },
                ],
              },
            },
            due: { type: 'string', format: 'date', ...field('date') },
            category: {
              type: 'string',
              format: 'uuid',
              'x-tessera': { field: 'lookup', target: 'category' },
            },
          },
        },
      ],
    },
    data: [
      {
        file: 'data/category.csv',
        text: `name\n${Array.from({ length: CATEGORIES }, (_, i) => `Category ${i}`).join('\n')}\n`,
      },
      { file: 'data/item.csv', text: `${lines.join('\n')}\n` },
    ],
  };
}

export function itemRow(i: number): string {
  return `Item number ${i},${i % 1000},${(i % 997) + 0.5},${i % 2 ? 'new' : 'used'},2026-0${(i % 9) + 1}-1${i % 10},Category ${i % CATEGORIES}`;
}
