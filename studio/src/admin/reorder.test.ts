import { describe, expect, it } from 'vitest';
import { moved, without } from './reorder.js';

const values = ['new', 'open', 'won', 'lost'];

describe('reordering picklist values', () => {
  it('moves a value up, down, to either end, keeping the others in their order', () => {
    expect(moved(values, 2, 1)).toEqual(['new', 'won', 'open', 'lost']);
    expect(moved(values, 0, 1)).toEqual(['open', 'new', 'won', 'lost']);
    expect(moved(values, 3, 0)).toEqual(['lost', 'new', 'open', 'won']);
    expect(moved(values, 0, 3)).toEqual(['open', 'won', 'lost', 'new']);
  });

  it('keeps the list as it is for a move past either end or from a place it does not have', () => {
    expect(moved(values, 0, -1)).toEqual(values);
    expect(moved(values, 3, 4)).toEqual(values);
    expect(moved(values, 7, 0)).toEqual(values);
    expect(moved(values, -1, 2)).toEqual(values);
    expect(moved([], 0, 1)).toEqual([]);
  });

  it('removes the value at a place, and nothing for a place it does not have', () => {
    expect(without(values, 1)).toEqual(['new', 'won', 'lost']);
    expect(without(values, 9)).toEqual(values);
    expect(without(values, -1)).toEqual(values);
  });

  it('never changes the list it was given', () => {
    const kept = [...values];
    moved(values, 0, 3);
    without(values, 0);
    expect(values).toEqual(kept);
  });
});
