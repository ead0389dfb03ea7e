/** The v1 field vocabulary. Adding a type here makes the compiler list every place that must know it. */
export const FIELD_TYPES = [
  'text',
  'textarea',
  'richtext',
  'integer',
  'number',
  'currency',
  'percent',
  'boolean',
  'date',
  'datetime',
  'time',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'lookup',
  'master_detail',
  'user',
  'formula',
  'rollup',
  'autonumber',
  'geolocation',
  'json',
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'startsWith',
  'isNull',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];
