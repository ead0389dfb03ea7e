/**
 * A phone number, normalized so the same number always compares equal: separators (spaces, dashes, dots,
 * parentheses) are removed, a leading `00` becomes `+`, and an extension is kept as `;ext=`.
 */
export function normalizePhone(value: string): string {
  const [main = '', ext] = value.trim().split(/\s*(?:ext\.?|x|#|;ext=)\s*/i);
  let digits = main.replace(/[\s().\-\u00a0]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  return ext ? `${digits};ext=${ext}` : digits;
}
