import { describe, expect, it } from 'vitest';
import { toDouble } from './doubles.js';
import { Decimal } from './types.js';

describe('toDouble', () => {
  it('gives exactly what Number() gives, digit for digit', () => {
    const texts = [
      '0',
      '-0',
      '1',
      '-1',
      '0.1',
      '0.3',
      '1234.5678',
      '-0.000001',
      '123456789012345',
      '1234567890123456',
      '99999999999999999999',
      '1e22',
      '1e23',
      '1.5e-22',
      '3e-30',
      '0.30000000000000004',
      '12345.678901234567',
      '9007199254740993',
      '-42.42',
      '100000',
      '0.07',
      '1.005',
    ];
    for (const text of texts) expect([text, toDouble(new Decimal(text))]).toEqual([text, Number(text)]);
    // Results of arithmetic, as formulas make them.
    for (let i = 0; i < 2000; i++) {
      const a = new Decimal((Math.random() * 1e6).toFixed(i % 7));
      const b = new Decimal((Math.random() * 1e3).toFixed(i % 5));
      for (const x of [a.times(b), a.div(b.plus(1)), a.minus(b), a.plus(b).neg()])
        expect(toDouble(x)).toBe(Number(x));
    }
  });
});
