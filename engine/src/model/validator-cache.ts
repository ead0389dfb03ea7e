/**
 * Field value validators, compiled once per distinct schema. Objects repeat the same few shapes (text of 120,
 * a currency of scale 2, a picklist of the same values), so a cache keyed by the schema's JSON compiles a few
 * hundred validators where per-object record schemas would compile thousands, and a new metadata version
 * reuses every validator the previous one had.
 */
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from '../metadata/types.js';
import { createAjv } from './ajv.js';

const ajv = createAjv();
const cache = new Map<string, ValidateFunction>();
/** Far above any real workspace's distinct shapes; keeps a process serving many workspaces bounded. */
const MAX_ENTRIES = 20_000;

export function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = cache.get(key);
  if (!validate) {
    if (cache.size >= MAX_ENTRIES) {
      cache.clear();
      ajv.removeSchema();
    }
    validate = ajv.compile(schema);
    cache.set(key, validate);
  }
  return validate;
}
