/**
 * Math functions on exact decimals. Rounding follows Salesforce: ROUND halves away from zero, CEILING rounds
 * away from zero and FLOOR toward it for negative numbers, MOD takes the dividend's sign. A blank argument
 * makes a blank result.
 */
import type { Big } from 'big.js';
import { limitedNumber } from '../limits.js';
import { Decimal, type Value } from '../types.js';
import type { FunctionDef } from './function-def.js';

const numbers = (min: number, max: number, fn: (args: Big[]) => Big | null): FunctionDef => ({
  min,
  max,
  type: (_args, h) => {
    h.expectAll('number');
    return 'number';
  },
  make: (args) => (ctx) => {
    const values = args.map((a) => a.run(ctx));
    if (values.some((v) => v === null)) return null;
    const result = fn(values as Big[]);
    return result === null ? null : limitedNumber(result);
  },
});

/** Big's rounding modes: 0 toward zero, 1 half away from zero (half-up on magnitudes), 3 away from zero. */
const ROUND_DOWN = 0;
const ROUND_HALF_UP = 1;
const ROUND_UP = 3;

function real(fn: (x: number) => number, name: string) {
  return numbers(1, 1, ([x]) => {
    const result = fn(Number(x));
    if (!Number.isFinite(result)) throw new RangeError(`${name} of ${(x as Big).toString()} is not a number`);
    return new Decimal(result);
  });
}

export const MATH_FUNCTIONS: Record<string, FunctionDef> = {
  ABS: numbers(1, 1, ([x]) => (x as Big).abs()),
  ROUND: numbers(2, 2, ([x, digits]) => (x as Big).round(Math.trunc(Number(digits)), ROUND_HALF_UP)),
  CEILING: numbers(1, 1, ([x]) => (x as Big).round(0, ROUND_UP)),
  FLOOR: numbers(1, 1, ([x]) => (x as Big).round(0, ROUND_DOWN)),
  MOD: numbers(2, 2, ([x, d]) => {
    if ((d as Big).eq(0)) throw new RangeError('MOD by zero');
    return (x as Big).mod(d as Big);
  }),
  MAX: numbers(1, 1000, (xs) => xs.reduce((a, b) => (b.gt(a) ? b : a))),
  MIN: numbers(1, 1000, (xs) => xs.reduce((a, b) => (b.lt(a) ? b : a))),
  SQRT: numbers(1, 1, ([x]) => {
    if ((x as Big).lt(0)) throw new RangeError('SQRT of a negative number');
    return (x as Big).sqrt();
  }),
  EXP: real(Math.exp, 'EXP'),
  LN: real(Math.log, 'LN'),
  LOG: real(Math.log10, 'LOG'),
};

export const isNumber = (v: Value): v is Big => v instanceof Decimal;
