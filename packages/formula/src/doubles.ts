/**
 * Exact shortcuts between decimals and JavaScript numbers, for the hot paths of evaluation. Both are exact by
 * construction, never approximations: where they cannot be, the caller takes the decimal way.
 */
import type { Big } from 'big.js';

/** 10^0 … 10^22: every one is a double exactly. */
const POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `Number(x)` without printing and parsing: a coefficient of at most 15 digits is an exact integer, and one
 * multiplication or division by an exact power of ten rounds correctly (Clinger's fast path, as `Number(text)`
 * itself takes it), so the result is the same double. Anything else goes through text.
 */
export function toDouble(x: Big): number {
  const digits = x.c;
  const scale = x.e - digits.length + 1;
  if (digits.length > 15 || scale > 22 || scale < -22) return Number(x);
  let coefficient = 0;
  for (const d of digits) coefficient = coefficient * 10 + d;
  const magnitude =
    scale >= 0 ? coefficient * (POWERS[scale] as number) : coefficient / (POWERS[-scale] as number);
  return x.s < 0 ? -magnitude : magnitude;
}
