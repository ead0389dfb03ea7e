/**
 * Values looked up by names that users type (field names, document names, keys of a request body). A plain
 * object answers `constructor` or `__proto__` from Object.prototype; these lookups see only what is really there.
 */

/** The value `value` holds under `key` itself, or undefined (also when `value` is not a JSON object). */
export function ownValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
