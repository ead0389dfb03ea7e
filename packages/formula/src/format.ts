/** A number as text: plain digits (never exponent notation), no trailing zeros after the point. */
import type { Big } from 'big.js';

export function formatNumber(n: Big): string {
  const fixed = n.toFixed();
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
