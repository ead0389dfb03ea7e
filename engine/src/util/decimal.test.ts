import { describe, expect, it } from 'vitest';
import { decimalString, fromScaledInteger, isMultipleOf, toScaledInteger } from './decimal.js';

describe('decimal helpers', () => {
  it.each([
    [1234.56, 0.0001, true],
    [1234.56, 0.01, true],
    [1234.567, 0.01, false],
    [0.1 + 0.2, 0.01, false],
    [0.3, 0.1, true],
    [12, 1, true],
    [12.5, 1, false],
    [1e21, 1, true],
    [1.5e-7, 1e-7, false],
    [3e-7, 1e-7, true],
    [0.75, 0.25, true],
    [0.7, 0.25, false],
    [Number.NaN, 0.01, false],
    [Number.POSITIVE_INFINITY, 0.01, false],
  ])('%s is a multiple of %s: %s', (n, step, expected) => {
    expect(isMultipleOf(n, step)).toBe(expected);
  });

  it('scales to integers and back without drift', () => {
    for (const [n, scale, units] of [
      [0.29, 2, 29],
      [1.15, 2, 115],
      [-12345678.99, 2, -1234567899],
      [0.1, 4, 1000],
      [9999999999999.99, 2, 999999999999999],
      [900719.9254740991, 10, 9007199254740991],
    ] as const) {
      expect(toScaledInteger(n, scale)).toBe(units);
      expect(fromScaledInteger(units, scale)).toBe(n);
    }
    // Three 0.1s sum to exactly 0.3 in integer units, where floats give 0.30000000000000004.
    const sum = [0.1, 0.1, 0.1].map((v) => toScaledInteger(v, 2)).reduce((a, b) => a + b, 0);
    expect(fromScaledInteger(sum, 2)).toBe(0.3);
  });

  it('writes exact decimal strings', () => {
    expect(decimalString(0.1)).toBe('0.1');
    expect(decimalString(1e-7)).toBe('0.0000001');
    expect(decimalString(1e21)).toBe('1000000000000000000000');
  });
});
