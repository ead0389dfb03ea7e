/**
 * Salesforce filter criteria (list view filters, roll-up summary filters: field, operation, value) → record
 * filters of the data API. Values are typed by the Tessera field; a condition that cannot be said here is
 * reported by the caller with the reason given.
 */
import type { PropertyDocument } from '@tessera/engine';
import { type PlannedObject, plannedField, propertyOfField } from './context.js';

export type Condition = { filter: Record<string, unknown> } | { problem: string };

const OPERATORS: Record<string, string> = {
  equals: 'eq',
  notEqual: 'ne',
  lessThan: 'lt',
  greaterThan: 'gt',
  lessOrEqual: 'lte',
  greaterOrEqual: 'gte',
  contains: 'contains',
  startsWith: 'startsWith',
  includes: 'contains',
};

/** Platform fields as list views name them. */
const SYSTEM_COLUMNS: Record<string, string> = {
  CREATED_DATE: 'created_at',
  LAST_UPDATE: 'updated_at',
  NAME: 'name',
  FULL_NAME: 'name',
};

/** A field a list view or a filter names (`Status__c`, `NAME`, `Account.Name` on Account) as a Tessera field. */
export function fieldNamed(object: PlannedObject, sfName: string): string | undefined {
  const system = SYSTEM_COLUMNS[sfName];
  if (system) return system === 'name' ? object.document['x-tessera'].nameField : system;
  const plain = sfName.includes('.') ? sfName.slice(sfName.lastIndexOf('.') + 1) : sfName;
  const prefix = sfName.includes('.') ? sfName.slice(0, sfName.indexOf('.')) : undefined;
  if (prefix && prefix.toLowerCase() !== object.sf.toLowerCase() && !/^(CORE|USERS)$/i.test(prefix))
    return undefined;
  const field = plannedField(object, plain) ?? plannedField(object, plain.replace(/_/g, ''));
  return field && (field.origin !== 'new' || object.document.properties[field.name]) ? field.name : undefined;
}

function typed(prop: PropertyDocument, raw: string): unknown {
  const kind = prop['x-tessera'].field;
  const returns = prop['x-tessera'].returns;
  if (kind === 'boolean' || returns === 'boolean') return raw === '1' || raw.toLowerCase() === 'true';
  if (
    ['integer', 'number', 'currency', 'percent', 'rollup'].includes(kind) ||
    ['number', 'integer', 'currency', 'percent'].includes(returns ?? '')
  ) {
    const n = Number(raw.replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return raw;
}

export function condition(
  object: PlannedObject,
  sfField: string,
  operation: string,
  value: string | undefined,
): Condition {
  const name = fieldNamed(object, sfField);
  if (!name) return { problem: `${sfField} was not converted` };
  const field = [...object.fields.values()].find((f) => f.name === name);
  const prop = field ? propertyOfField(object, field) : undefined;
  const op = OPERATORS[operation];
  if (!op) return { problem: `operation ${operation} has no counterpart` };
  if (value === undefined || value === '')
    return op === 'eq' || op === 'ne'
      ? { filter: { [name]: { isNull: op === 'eq' } } }
      : { problem: `${operation} without a value` };
  if (/^(TODAY|YESTERDAY|TOMORROW|(LAST|NEXT|THIS)_\w+)(:\d+)?$/.test(value))
    return { problem: `the relative date ${value} has no counterpart in a saved filter` };
  if (!prop) return { filter: { [name]: { [op]: value } } };
  const values = op === 'eq' || op === 'ne' ? value.split(',') : [value];
  const typedValues = values.map((v) => typed(prop, v.trim()));
  if (typedValues.some((v) => v === undefined)) return { problem: `"${value}" is not a value of ${name}` };
  const options = prop['x-tessera'].options?.map((o) => o.value);
  if (options && typedValues.some((v) => !options.includes(v as string)))
    return { problem: `"${value}" is not a value of the picklist ${name}` };
  if (typedValues.length > 1) return { filter: { [name]: { [op === 'eq' ? 'in' : 'nin']: typedValues } } };
  return { filter: { [name]: { [op]: typedValues[0] } } };
}
