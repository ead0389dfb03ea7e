/**
 * Converting one stored value when a field changes type. A conversion either keeps the value's meaning or
 * fails for that value; the migrator counts failures and refuses the change if there is any.
 */
import type { CompiledField } from '../model/compiled-model.js';

export type Conversion = { ok: true; value: unknown } | { ok: false; reason: string };

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

const ok = (value: unknown): Conversion => ({ ok: true, value });
const fail = (reason: string): Conversion => ({ ok: false, reason });

function fromString(v: string, to: CompiledField): Conversion {
  switch (to.def.jsonType(to.prop)) {
    case 'string':
      if (to.type === 'datetime' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return ok(`${v}T00:00:00.000Z`);
      return ok(v);
    case 'number':
    case 'integer':
      return NUMERIC.test(v) ? ok(Number(v)) : fail('is not a number');
    case 'boolean': {
      const lower = v.trim().toLowerCase();
      if (TRUE.has(lower)) return ok(true);
      if (FALSE.has(lower)) return ok(false);
      return fail('is not true or false');
    }
    case 'array':
      return ok(v === '' ? [] : v.split(';'));
    case 'object':
      try {
        const parsed = JSON.parse(v);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? ok(parsed)
          : fail('is not a JSON object');
      } catch {
        return fail('is not JSON');
      }
  }
}

function fromNumber(v: number, to: CompiledField): Conversion {
  switch (to.def.jsonType(to.prop)) {
    case 'string':
      return ok(String(v));
    case 'number':
    case 'integer':
      return ok(v);
    case 'boolean':
      return v === 0 || v === 1 ? ok(v === 1) : fail('is not 0 or 1');
    default:
      return fail(`cannot become a value of type "${to.type}"`);
  }
}

export function convertValue(value: unknown, from: CompiledField, to: CompiledField): Conversion {
  if (from.type === to.type) return ok(value);
  if (typeof value === 'string') return fromString(value, to);
  if (typeof value === 'number') return fromNumber(value, to);
  const target = to.def.jsonType(to.prop);
  if (typeof value === 'boolean') {
    if (target === 'string') return ok(String(value));
    if (target === 'number' || target === 'integer') return ok(value ? 1 : 0);
    return target === 'boolean' ? ok(value) : fail(`cannot become a value of type "${to.type}"`);
  }
  if (Array.isArray(value)) {
    if (target === 'array') return ok(value);
    if (target === 'string')
      return to.type === 'picklist'
        ? value.length <= 1
          ? ok(value[0] ?? null)
          : fail(`has ${value.length} values, a picklist takes one`)
        : ok(value.join(';'));
    return fail(`cannot become a value of type "${to.type}"`);
  }
  if (typeof value === 'object' && value !== null) {
    if (target === 'object') return ok(value);
    if (target === 'string') return ok(JSON.stringify(value));
  }
  return fail(`cannot become a value of type "${to.type}"`);
}

/** Type changes the platform refuses outright: computed values have no data to convert, and vice versa. */
export function unsupportedChange(from: CompiledField, to: CompiledField): string | undefined {
  if (from.type === to.type) return undefined;
  if (to.def.generated)
    return `a field cannot become a field of type "${to.type}": add a new field of type "${to.type}" instead`;
  // An auto-number's values are plain text and can stay as they are; formulas and roll-ups have none to keep.
  if (from.def.generated && from.type !== 'autonumber')
    return `a field of type "${from.type}" has no values of its own to convert: add a new field of type "${to.type}" instead`;
  return undefined;
}
