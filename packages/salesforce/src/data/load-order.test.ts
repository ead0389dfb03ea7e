import { describe, expect, it } from 'vitest';
import { SalesforceDataError } from './data-errors.js';
import { type LookupEdge, loadOrder } from './load-order.js';

const edge = (from: string, field: string, to: string, required = false): LookupEdge => ({
  from,
  field,
  to,
  required,
});

describe('load order', () => {
  it('loads parents first whatever the given order, and ignores objects not loaded', () => {
    const order = loadOrder(
      ['payment', 'opportunity', 'contact', 'account'],
      [
        edge('payment', 'opportunity', 'opportunity', true),
        edge('opportunity', 'account', 'account', true),
        edge('opportunity', 'contact', 'contact'),
        edge('contact', 'account', 'account'),
        edge('contact', 'campaign', 'campaign'),
      ],
    );
    expect(order.objects).toEqual(['account', 'contact', 'opportunity', 'payment']);
    expect(order.deferred.size).toBe(0);
  });

  it('defers self-lookups and the optional lookups of a cycle to the second pass', () => {
    const order = loadOrder(
      ['account', 'contact'],
      [
        edge('account', 'parent_account', 'account'),
        edge('account', 'primary_contact', 'contact'),
        edge('contact', 'account', 'account', true),
        edge('contact', 'reports_to', 'contact'),
      ],
    );
    expect(order.objects).toEqual(['account', 'contact']);
    expect(Object.fromEntries(order.deferred)).toEqual({
      account: ['parent_account', 'primary_contact'],
      contact: ['reports_to'],
    });
  });

  it('refuses objects that need each other through required lookups, naming the cycle', () => {
    const run = () =>
      loadOrder(
        ['a', 'b', 'c'],
        [edge('a', 'b', 'b', true), edge('b', 'c', 'c', true), edge('c', 'a', 'a', true)],
      );
    expect(run).toThrow(SalesforceDataError);
    expect(run).toThrow(/required lookups \(a → b → c → a\)/);
  });
});
