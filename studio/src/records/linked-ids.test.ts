import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../api/types.js';
import { linkedIds, MAX_IN, namesQueries } from './linked-ids.js';

const link = (target: string, field = 'lookup') =>
  ({ type: 'string', format: 'uuid', 'x-tessera': { field, target } }) as PropertyDocument;
const properties: Record<string, PropertyDocument> = {
  customer_id: link('account'),
  parent_id: link('account', 'master_detail'),
  owner_contact: link('contact'),
  secret_id: link('payroll'),
  name: { type: 'string', 'x-tessera': { field: 'text' } } as PropertyDocument,
};
const names: Record<string, string> = { account: 'name', contact: 'full_name' };
const nameFieldOf = (object: string) => names[object];
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('linkedIds', () => {
  it('gathers every linked id by target object, once each, lookups and master-details alike', () => {
    expect(
      linkedIds(
        [
          { field: 'customer_id', values: [id(1), id(2)] },
          { field: 'customer_id', values: [id(2), id(3)] },
          { field: 'parent_id', values: [null, id(1)] },
          { field: 'owner_contact', values: [id(9), null] },
        ],
        properties,
        nameFieldOf,
      ),
    ).toEqual([
      { target: 'account', nameField: 'name', ids: [id(1), id(2), id(3)] },
      { target: 'contact', nameField: 'full_name', ids: [id(9)] },
    ]);
  });

  it('leaves out other fields, targets the user may not read, and values that are no record id', () => {
    expect(
      linkedIds(
        [
          { field: 'name', values: [id(1), 'Acme'] },
          { field: 'secret_id', values: [id(4)] },
          { field: 'gone_field', values: [id(5)] },
          { field: 'customer_id', values: ['', 'not-an-id', 42, null, undefined] },
        ],
        properties,
        nameFieldOf,
      ),
    ).toEqual([]);
  });
});

describe('namesQueries', () => {
  it('asks for all of a target’s ids in one request: id in the list, only the name field, enough rows', () => {
    const [query, ...more] = namesQueries({ target: 'account', nameField: 'name', ids: [id(1), id(2)] });
    expect(more).toEqual([]);
    const url = new URL(query as string, 'http://x');
    expect(url.pathname).toBe('/data/account');
    expect(JSON.parse(url.searchParams.get('filter') as string)).toEqual({ id: { in: [id(1), id(2)] } });
    expect(url.searchParams.get('fields')).toBe('name');
    expect(url.searchParams.get('limit')).toBe('2');
  });

  it('splits only beyond the API’s 500 values in a list (and records in a page)', () => {
    const ids = Array.from({ length: MAX_IN + 1 }, (_, n) => id(n));
    const queries = namesQueries({ target: 'account', nameField: 'name', ids });
    expect(queries).toHaveLength(2);
    const sizes = queries.map((q) => new URL(q, 'http://x').searchParams.get('limit'));
    expect(sizes).toEqual(['500', '1']);
    expect(namesQueries({ target: 'account', nameField: 'name', ids: [] })).toEqual([]);
  });
});
