import { describe, expect, it } from 'vitest';
import { type MergeNote, mergeThreeWay } from './merge-three-way.js';

const merge = (base: unknown, mine: unknown, theirs: unknown) => {
  const notes: MergeNote[] = [];
  return { value: mergeThreeWay(base, mine, theirs, notes), notes };
};

describe('three-way merge of documents', () => {
  it('takes each side’s own changes, key by key', () => {
    const base = { label: 'Store', size: 1, color: 'red' };
    const { value, notes } = merge(base, { ...base, label: 'Shop' }, { ...base, size: 2, extra: true });
    expect(value).toEqual({ label: 'Shop', size: 2, color: 'red', extra: true });
    expect(notes).toEqual([]);
  });

  it('keeps the workspace’s value where both changed it, and notes what the package wanted', () => {
    const { value, notes } = merge(
      { a: { label: 'x' } },
      { a: { label: 'mine' } },
      { a: { label: 'theirs' } },
    );
    expect(value).toEqual({ a: { label: 'mine' } });
    expect(notes).toEqual([{ pointer: '/a/label', theirs: 'theirs' }]);
  });

  it('keeps an admin’s extra key, drops what the package removed, keeps what the admin removed removed', () => {
    const base = { keep: 1, dropped: 2, deletedByAdmin: 3 };
    const { value } = merge(
      base,
      { keep: 1, dropped: 2, mineOnly: 4 },
      { keep: 1, deletedByAdmin: 3, new: 5 },
    );
    expect(value).toEqual({ keep: 1, new: 5, mineOnly: 4 });
  });

  it('merges lists of plain values as sets, in the new version’s order', () => {
    const { value } = merge(['a', 'b', 'c'], ['a', 'c', 'mine'], ['c', 'b', 'a', 'theirs']);
    expect(value).toEqual(['c', 'a', 'theirs', 'mine']);
  });

  it('merges picklist options item by item by their value', () => {
    const base = [
      { value: 'a', label: { en: 'A' } },
      { value: 'b', label: { en: 'B' } },
    ];
    const mine = [
      { value: 'a', label: { en: 'A' }, color: '#ff0000' },
      { value: 'b', label: { en: 'B' } },
      { value: 'x', label: { en: 'Extra' } },
    ];
    const theirs = [
      { value: 'a', label: { en: 'Alpha' } },
      { value: 'b', label: { en: 'B' } },
      { value: 'c', label: { en: 'C' } },
    ];
    const { value, notes } = merge(base, mine, theirs);
    expect(value).toEqual([
      { value: 'a', label: { en: 'Alpha' }, color: '#ff0000' },
      { value: 'b', label: { en: 'B' } },
      { value: 'c', label: { en: 'C' } },
      { value: 'x', label: { en: 'Extra' } },
    ]);
    expect(notes).toEqual([]);
  });

  it('takes a list without keys whole from the side that changed it; both changed: the workspace’s', () => {
    const base = [{ label: 'Main', columns: 1 }];
    const mine = [{ label: 'Main', columns: 2 }];
    expect(merge(base, mine, base).value).toEqual(mine);
    expect(merge(base, base, [{ label: 'New' }]).value).toEqual([{ label: 'New' }]);
    const both = merge(base, mine, [{ label: 'New' }]);
    expect(both.value).toEqual(mine);
    expect(both.notes).toEqual([{ pointer: '', theirs: [{ label: 'New' }] }]);
  });

  it('notes a package removal it did not apply because the admin changed the value', () => {
    const { value, notes } = merge({ a: 1 }, { a: 2 }, {});
    expect(value).toEqual({ a: 2 });
    expect(notes).toEqual([{ pointer: '/a' }]);
  });
});
