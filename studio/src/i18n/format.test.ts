import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../api/types.js';
import { formatValue, rollupScale } from './format.js';

const words = { yes: 'Yes', no: 'No' };
const rollup = (extra: Record<string, unknown>) =>
  ({
    type: 'number',
    'x-tessera': { field: 'rollup', summarizedObject: 'line', ...extra },
  }) as PropertyDocument;
const currency = { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } } as PropertyDocument;
const percent = { type: 'number', 'x-tessera': { field: 'percent' } } as PropertyDocument;

describe('roll-ups', () => {
  it('take their scale: 2 for sum, min and max, 0 for count, unless given', () => {
    expect(rollupScale(rollup({ function: 'sum', summarizedField: 'amount' }))).toBe(2);
    expect(rollupScale(rollup({ function: 'max', summarizedField: 'amount' }))).toBe(2);
    expect(rollupScale(rollup({ function: 'count' }))).toBe(0);
    expect(rollupScale(rollup({ function: 'sum', summarizedField: 'amount', scale: 3 }))).toBe(3);
  });

  it('show a sum of money as money, next to the money it sums', () => {
    const sum = rollup({ function: 'sum', summarizedField: 'amount' });
    expect(formatValue(1260, sum, 'en', words, currency)).toBe('1,260.00');
    expect(formatValue(1260, sum, 'en', words, currency)).toBe(formatValue(1260, currency, 'en', words));
    expect(formatValue(1260, sum, 'zh-CN', words)).toBe('1,260.00');
    expect(formatValue(12.5, rollup({ function: 'min', summarizedField: 'p' }), 'en', words, percent)).toBe(
      '12.50%',
    );
  });

  it('show a count as a whole number', () => {
    expect(formatValue(1260, rollup({ function: 'count' }), 'en', words, currency)).toBe('1,260');
  });
});
