/**
 * A Salesforce value as the value of its Tessera field, by the JSON shape the field registry says the field
 * takes (its value schema): CSV text read as a number, a boolean or a `;`-separated list; Salesforce's
 * `+0000` offsets written `+00:00`; a date-time kept as its date where the field holds a date; picklist values
 * matched to the field's options. A value that cannot be read gives a problem naming it.
 */
import type { CompiledField } from '@tessera/engine';
import { allowedValues, type PicklistMatcher, picklistMatcher } from './picklist-values.js';

export type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);
/** `2024-03-05T10:00:00.000+0000`: Salesforce writes offsets without a colon; JSON Schema's date-time needs one. */
const OFFSET_WITHOUT_COLON = /([+-]\d\d)(\d\d)$/;

export interface FieldConverter {
  convert(value: string | number | boolean, text: boolean): Converted;
}

export function fieldConverter(
  field: CompiledField,
  sfObject: string,
  sfField: string,
  /** The map's translation of Salesforce picklist values, if it has one. */
  values?: Readonly<Record<string, string>>,
): FieldConverter {
  const schema = field.valueSchema as { type?: string; format?: string; items?: { type?: string } };
  const allowed = allowedValues(field);
  const picklist: PicklistMatcher | undefined =
    allowed && picklistMatcher(field, allowed, sfObject, sfField, values);
  const option = (value: string): Converted => {
    const matched = picklist ? picklist.match(value) : value;
    return matched === undefined
      ? { ok: false, message: `"${value}" is not an option of ${field.name} (${allowed?.join(', ')})` }
      : { ok: true, value: matched };
  };
  return {
    convert(value, text) {
      switch (schema.type) {
        case 'number':
        case 'integer': {
          const n = typeof value === 'number' ? value : Number(String(value).trim());
          return text && String(value).trim() === ''
            ? { ok: true, value: null }
            : Number.isFinite(n)
              ? { ok: true, value: n }
              : { ok: false, message: `"${value}" is not a number` };
        }
        case 'boolean': {
          if (typeof value === 'boolean') return { ok: true, value };
          const t = String(value).trim().toLowerCase();
          if (TRUE.has(t)) return { ok: true, value: true };
          if (FALSE.has(t)) return { ok: true, value: false };
          return { ok: false, message: `"${value}" is not true or false` };
        }
        case 'array': {
          const items = String(value)
            .split(';')
            .map((v) => v.trim())
            .filter(Boolean);
          const out: string[] = [];
          for (const item of items) {
            const one = option(item);
            if (!one.ok) return one;
            out.push(one.value as string);
          }
          return { ok: true, value: out };
        }
        default: {
          const s = String(value);
          if (schema.format === 'date-time')
            return { ok: true, value: s.replace(OFFSET_WITHOUT_COLON, '$1:$2') };
          if (schema.format === 'date') return { ok: true, value: s.slice(0, 10) };
          return allowed ? option(s) : { ok: true, value: s };
        }
      }
    },
  };
}
