/**
 * Exact decimal helpers for JSON numbers. A JSON number is read into the double nearest to the decimal that
 * was written, and `String(n)` gives that decimal back; these functions reason on that decimal, never on the
 * binary float, and take a fast path where plain float arithmetic is provably exact.
 */
import Big from 'big.js';

/** Beyond this, `Math.round(n * 10^s)` could be off by one: fall back to exact arithmetic. */
const EXACT_LIMIT = 2 ** 52;

/** Digits after the decimal point of the number as written, or undefined when `String(n)` uses an exponent. */
function decimals(n: number): number | undefined {
  const s = String(n);
  if (s.includes('e')) return undefined;
  const point = s.indexOf('.');
  return point < 0 ? 0 : s.length - point - 1;
}

const POWER_OF_TEN_STEP = /^(1|0\.0*1)$/;
/** 10^0 … 10^22, every one exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Whether `n` is an exact multiple of `step` (e.g. 0.01), as decimals. */
export function isMultipleOf(n: number, step: number): boolean {
  if (!Number.isFinite(n)) return false;
  if (Number.isInteger(n) && Number.isInteger(step)) return n % step === 0;
  const k = POWERS_OF_TEN.indexOf(1 / step);
  // n has at most k decimals exactly when it is the double nearest to some integer / 10^k: the integer is
  // recovered by rounding while n·10^k is below 2^52, and dividing it back is correctly rounded.
  if (k > 0 && Math.abs(n) * (POWERS_OF_TEN[k] as number) < EXACT_LIMIT) {
    const p = POWERS_OF_TEN[k] as number;
    return Math.round(n * p) / p === n;
  }
  const nDecimals = decimals(n);
  // A power-of-ten step (1, 0.01, 0.0001) only asks how many digits follow the point.
  if (nDecimals !== undefined && POWER_OF_TEN_STEP.test(String(step)))
    return nDecimals <= (decimals(step) ?? 0);
  return new Big(String(n)).mod(String(step)).eq(0);
}

/** `n × 10^scale` as an integer, for an `n` with at most `scale` decimals. */
export function toScaledInteger(n: number, scale: number): number {
  const scaled = n * 10 ** scale;
  // The float product is within an ulp of the integer it should be; rounding recovers it while that is exact.
  if (Math.abs(scaled) < EXACT_LIMIT) return Math.round(scaled);
  return Number(new Big(String(n)).times(new Big(10).pow(scale)).round(0, Big.roundHalfEven).toFixed(0));
}

/** `units × 10^-scale`: IEEE division of two exact integers is the double nearest the decimal, as parsing it is. */
export function fromScaledInteger(units: number | bigint, scale: number): number {
  return Number(units) / 10 ** scale;
}

/** A decimal string for exact parameters (PostgreSQL numeric). */
export const decimalString = (n: number): string =>
  decimals(n) === undefined ? new Big(String(n)).toFixed() : String(n);
