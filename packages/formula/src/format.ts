/** A number as text: plain digits (never exponent notation), no trailing zeros after the point. */
import type { Big } from 'big.js';
import type { Value } from './types.js';

export function formatNumber(n: Big): string {
  const fixed = n.toFixed();
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Any value where text is expected: blank is the empty text, numbers as `formatNumber` writes them. */
export const asText = (v: Value): string =>
  v === null ? '' : typeof v === 'object' ? formatNumber(v as Big) : String(v);
