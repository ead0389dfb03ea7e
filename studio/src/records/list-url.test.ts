import { describe, expect, it } from 'vitest';
import { readListUrl, writeListUrl } from './list-url.js';

describe('a list in its URL', () => {
  it('comes back as it was written', () => {
    const state = {
      view: 'mine:open_deals',
      sort: '-amount,name',
      conditions: [
        { field: 'stage', op: 'eq', value: 'won' },
        { field: 'account_id', op: 'eq', value: '0190', shown: 'Acme' },
      ],
      match: 'any' as const,
    };
    expect(readListUrl(writeListUrl(state))).toEqual(state);
    expect(readListUrl(writeListUrl({ view: '' }))).toEqual({ view: '' });
    expect(writeListUrl({})).toBe('');
  });

  it('ignores what is malformed, keeping the rest', () => {
    expect(readListUrl('?sort=name;drop&view=Bad View&filter=[{"field":1}]&match=some')).toEqual({});
    expect(readListUrl('?filter=not json&sort=name')).toEqual({ sort: 'name' });
    expect(readListUrl('?filter={"field":"a"}')).toEqual({});
  });
});
