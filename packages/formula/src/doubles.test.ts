import type { Big } from 'big.js';
import { describe, expect, it } from 'vitest';
import { doubleOf, exactProduct, exactSum } from './doubles.js';
import { Decimal } from './types.js';

describe('doubleOf', () => {
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
    for (const text of texts) expect([text, doubleOf(new Decimal(text))]).toEqual([text, Number(text)]);
    // Results of arithmetic, as formulas make them.
    for (let i = 0; i < 2000; i++) {
      const a = new Decimal((Math.random() * 1e6).toFixed(i % 7));
      const b = new Decimal((Math.random() * 1e3).toFixed(i % 5));
      for (const x of [a.times(b), a.div(b.plus(1)), a.minus(b), a.plus(b).neg()])
        expect(doubleOf(x)).toBe(Number(x));
    }
  });
});

describe('exact sums and products of doubles', () => {
  // What the formula language means by a + b: the decimals the doubles print as, added exactly. Zero's sign
  // is not compared: JSON writes both as 0, and no formula can tell them apart.
  const decimal = (a: number) => new Decimal(String(a));
  const asDouble = (x: Big) => Number(x) + 0;
  const check = (a: number, b: number) => {
    const sum = exactSum(a, b, 1);
    const difference = exactSum(a, b, -1);
    const product = exactProduct(a, b);
    if (sum !== undefined) expect([a, b, sum + 0]).toEqual([a, b, asDouble(decimal(a).plus(decimal(b)))]);
    if (difference !== undefined)
      expect([a, b, difference + 0]).toEqual([a, b, asDouble(decimal(a).minus(decimal(b)))]);
    if (product !== undefined)
      expect([a, b, product + 0]).toEqual([a, b, asDouble(decimal(a).times(decimal(b)))]);
    return [sum, difference, product];
  };

  it('add, subtract and multiply as decimals do, where floating point does not', () => {
    expect(check(0.1, 0.2)).toEqual([0.3, -0.1, 0.02]);
    expect(check(1.005, 1000)).toEqual([1001.005, -998.995, 1005]);
    expect(check(-19.99, 3)).toEqual([-16.99, -22.99, -59.97]);
    expect(check(0, -0.5)).toEqual([-0.5, 0.5, -0]);
    expect(check(1.5, 1.5)).toEqual([3, 0, 2.25]);
  });

  it('agree with decimals over many random values of 0 to 8 places', () => {
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = Number(((Math.random() - 0.5) * 10 ** (i % 9)).toFixed(i % 9));
      const b = Number(((Math.random() - 0.5) * 10 ** (i % 6)).toFixed((i * 7) % 9));
      if (check(a, b).every((r) => r !== undefined)) taken++;
    }
    // Most take the shortcut all three ways (products of many places overflow it, as they should).
    expect(taken).toBeGreaterThan(10_000);
  });

  it('decline what a double cannot hold exactly, leaving it to decimals', () => {
    expect(exactProduct(123456789.12345, 987654321.98765)).toBeUndefined();
    expect(exactSum(2 ** 52, 1, 1)).toBeUndefined();
    expect(exactSum(0.123456789, 1, 1)).toBeUndefined(); // nine places
    expect(exactSum(1e300, -1e300, 1)).toBeUndefined();
    expect(exactProduct(1e-8, 1e-8)).toBe(1e-16);
  });
});
