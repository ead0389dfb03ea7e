import { describe, expect, it } from 'vitest';
import { countNoun } from './english.js';

describe('countNoun', () => {
  it('says one thing in the singular and every other count in the plural', () => {
    expect(countNoun(1, 'field', 'fields')).toBe('1 field');
    expect(countNoun(0, 'field', 'fields')).toBe('0 fields');
    expect(countNoun(2, 'change', 'changes')).toBe('2 changes');
  });
});
