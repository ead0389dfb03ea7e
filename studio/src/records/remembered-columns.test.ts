/** A user's own choice of list columns, kept in the browser: per list and person, and checked when read back. */
import { describe, expect, it } from 'vitest';
import {
  type ListKey,
  MAX_REMEMBERED_COLUMNS,
  rememberColumns,
  rememberedColumns,
} from './remembered-columns.js';

/** The browser's storage as a map (the same three calls). */
function memoryStore() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

const key: ListKey = { workspace: 'default', user: 'u1', object: 'account', view: '' };
const known = new Set(['name', 'city', 'owner_id', 'created_at']);

describe('remembered list columns', () => {
  it('come back as chosen, with their pins, for the same list and person only', () => {
    const store = memoryStore();
    rememberColumns(store, key, [{ field: 'name', pinned: true, width: 300 }, { field: 'city' }]);
    expect(rememberedColumns(store, key, known)).toEqual([
      { field: 'name', pinned: true },
      { field: 'city' },
    ]);
    expect(rememberedColumns(store, { ...key, user: 'u2' }, known)).toBeUndefined();
    expect(rememberedColumns(store, { ...key, view: 'mine' }, known)).toBeUndefined();
    expect(rememberedColumns(store, { ...key, workspace: 'acme' }, known)).toBeUndefined();
    expect(rememberedColumns(store, { ...key, object: 'contact' }, known)).toBeUndefined();
  });

  it('drop fields the user may no longer read, repeats and anything not a column', () => {
    const store = memoryStore();
    rememberColumns(store, key, [{ field: 'name' }, { field: 'salary' }, { field: 'city' }]);
    expect(rememberedColumns(store, key, known)).toEqual([{ field: 'name' }, { field: 'city' }]);
    const [stored] = [...store.items.keys()];
    store.setItem(
      stored as string,
      JSON.stringify([{ field: 'city', pinned: 'yes' }, 'name', null, { field: 7 }, { field: 'city' }]),
    );
    expect(rememberedColumns(store, key, known)).toEqual([{ field: 'city' }]);
  });

  it('count as no choice when nothing usable is stored', () => {
    const store = memoryStore();
    expect(rememberedColumns(store, key, known)).toBeUndefined();
    rememberColumns(store, key, [{ field: 'name' }]);
    const [stored] = [...store.items.keys()];
    for (const bad of ['{not json', '{"field":"name"}', '[]', '[{"field":"gone"}]', '"name"']) {
      store.setItem(stored as string, bad);
      expect(rememberedColumns(store, key, known)).toBeUndefined();
    }
  });

  it('forget the choice when given none, and keep at most the limit', () => {
    const store = memoryStore();
    rememberColumns(store, key, [{ field: 'name' }]);
    rememberColumns(store, key, []);
    expect(store.items.size).toBe(0);
    const many = Array.from({ length: MAX_REMEMBERED_COLUMNS + 5 }, (_, i) => ({ field: `f${i}` }));
    rememberColumns(store, key, many);
    const all = new Set(many.map((c) => c.field));
    expect(rememberedColumns(store, key, all)).toHaveLength(MAX_REMEMBERED_COLUMNS);
  });

  it('survive a storage that refuses to keep anything', () => {
    const full = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberColumns(full, key, [{ field: 'name' }])).not.toThrow();
    expect(rememberedColumns(full, key, known)).toBeUndefined();
  });
});
