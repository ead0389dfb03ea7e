/**
 * Exact shortcuts between decimals and JavaScript numbers, for the hot paths of evaluation. All are exact by
 * construction, never approximations: where they cannot be, they say so (`undefined`) and the caller takes the
 * decimal way.
 *
 * A double "is" the decimal it prints as (its shortest round-trip text: how a stored number reads). A decimal
 * i / 10^k with |i| < 2^52 prints as itself once made a double: doubles near it are closer together than
 * 10^-k, so no other decimal of k places rounds to the same one. That bound is what lets sums and products of
 * such values be computed on integers and handed on as doubles.
 */
import type { Big } from 'big.js';

/** 10^0 … 10^22: every one is a double exactly. */
const POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** The largest coefficient a double may stand for exactly (see above). */
const MAX_COEFFICIENT = 2 ** 52;
/** Places of decimals looked for in a double; money and measures have fewer. */
const MAX_PLACES = 8;

/** `a` as an integer and its places (a = i / 10^k), or undefined when it is not one within the bounds. */
function scaled(a: number): [number, number] | undefined {
  for (let k = 0; k <= MAX_PLACES; k++) {
    const i = Math.round(a * (POWERS[k] as number));
    if (Math.abs(i) >= MAX_COEFFICIENT) return undefined;
    if (i / (POWERS[k] as number) === a) return [i, k];
  }
  return undefined;
}

const fromScaled = (i: number, k: number) =>
  Math.abs(i) < MAX_COEFFICIENT && k <= 22 ? i / (POWERS[k] as number) : undefined;

/** a + b, or a - b with `sign` -1, exactly as decimals add; undefined where a double cannot hold it. */
export function exactSum(a: number, b: number, sign: 1 | -1): number | undefined {
  const x = scaled(a);
  const y = scaled(b);
  if (!x || !y) return undefined;
  const k = Math.max(x[1], y[1]);
  const left = x[0] * (POWERS[k - x[1]] as number);
  const right = y[0] * (POWERS[k - y[1]] as number);
  // Each term exact too: two inexact big ones could cancel to a small, wrong sum.
  if (Math.abs(left) >= MAX_COEFFICIENT || Math.abs(right) >= MAX_COEFFICIENT) return undefined;
  return fromScaled(left + sign * right, k);
}

/** a × b exactly as decimals multiply; undefined where a double cannot hold it. */
export function exactProduct(a: number, b: number): number | undefined {
  const x = scaled(a);
  const y = scaled(b);
  return x && y ? fromScaled(x[0] * y[0], x[1] + y[1]) : undefined;
}

/**
 * `Number(x)` without printing and parsing: a coefficient of at most 15 digits is an exact integer, and one
 * multiplication or division by an exact power of ten rounds correctly (Clinger's fast path, as `Number(text)`
 * itself takes it), so the result is the same double. Anything else goes through text.
 */
export function doubleOf(x: Big): number {
  const digits = x.c;
  const scale = x.e - digits.length + 1;
  if (digits.length > 15 || scale > 22 || scale < -22) return Number(x);
  let coefficient = 0;
  for (const d of digits) coefficient = coefficient * 10 + d;
  const magnitude =
    scale >= 0 ? coefficient * (POWERS[scale] as number) : coefficient / (POWERS[-scale] as number);
  return x.s < 0 ? -magnitude : magnitude;
}
