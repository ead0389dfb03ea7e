/** Stored values (as the record API reads them) turned into values of the language, by the field's type. */
import { Decimal, type FormulaType, type Value } from './types.js';

export function fieldValue(raw: unknown, type: FormulaType): Value {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'number':
      return typeof raw === 'number' || typeof raw === 'string' ? new Decimal(raw) : null;
    case 'datetime':
      return typeof raw === 'string' ? Date.parse(raw) : typeof raw === 'number' ? raw : null;
    case 'boolean':
      return raw === true;
    default:
      return typeof raw === 'string' ? raw : String(raw);
  }
}
