/**
 * The property document a field editor's answers make: the JSON Schema keywords each field type needs (as the
 * metadata reference describes them) and its `x-tessera` options. The server validates it again on deploy.
 */
import { FIELD_TYPES, type FieldType } from '@tessera/engine/field-types';
import type { PropertyDocument } from '../api/types.js';

/** Every field type has an editor (the vocabulary is the engine's). */
export { FIELD_TYPES };
export type EditorFieldType = FieldType;

export interface PicklistValue {
  value: string;
  en: string;
  zh: string;
  color?: string;
}

/** What the field editor asks; each type reads the answers it needs. */
export interface FieldAnswers {
  type: EditorFieldType;
  labelEn: string;
  labelZh: string;
  maxLength?: number;
  scale?: number;
  minimum?: number;
  maximum?: number;
  values?: PicklistValue[];
  target?: string;
  onDelete?: 'restrict' | 'setNull';
  formula?: string;
  returns?: 'text' | 'number' | 'currency' | 'percent' | 'integer' | 'boolean' | 'date' | 'datetime';
  summarizedObject?: string;
  summarizedField?: string;
  rollupFunction?: 'count' | 'sum' | 'min' | 'max';
  format?: string;
  unique?: boolean;
}

const JSON_OF_RETURNS: Record<string, { type: string; format?: string }> = {
  text: { type: 'string' },
  number: { type: 'number' },
  currency: { type: 'number' },
  percent: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

export function fieldDocument(a: FieldAnswers): PropertyDocument {
  const label = defined({ en: a.labelEn.trim(), 'zh-CN': a.labelZh.trim() });
  const options = defined({
    label: Object.keys(label).length ? label : undefined,
    unique: a.unique || undefined,
  });
  const bounds = defined({ minimum: a.minimum, maximum: a.maximum });
  const picklist = () =>
    (a.values ?? []).map((v) => {
      const text = defined({ en: v.en.trim(), 'zh-CN': v.zh.trim() });
      return defined({ value: v.value, label: Object.keys(text).length ? text : undefined, color: v.color });
    });
  switch (a.type) {
    case 'text':
    case 'textarea':
      return {
        type: 'string',
        maxLength: a.maxLength ?? (a.type === 'text' ? 255 : 32768),
        'x-tessera': { field: a.type, ...options },
      };
    case 'richtext':
    case 'phone':
      return { type: 'string', 'x-tessera': { field: a.type, ...options } };
    case 'email':
      return { type: 'string', format: 'email', 'x-tessera': { field: 'email', ...options } };
    case 'url':
      return { type: 'string', format: 'uri', 'x-tessera': { field: 'url', ...options } };
    case 'integer':
      return { type: 'integer', ...bounds, 'x-tessera': { field: 'integer', ...options } };
    case 'number':
    case 'currency':
    case 'percent':
      return {
        type: 'number',
        ...bounds,
        'x-tessera': defined({ field: a.type, ...options, scale: a.scale }),
      };
    case 'boolean':
      return { type: 'boolean', 'x-tessera': { field: 'boolean', ...options } };
    case 'date':
    case 'time':
      return { type: 'string', format: a.type, 'x-tessera': { field: a.type, ...options } };
    case 'datetime':
      return { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime', ...options } };
    case 'picklist':
      return {
        type: 'string',
        enum: (a.values ?? []).map((v) => v.value),
        'x-tessera': { field: 'picklist', ...options, options: picklist() },
      };
    case 'multipicklist':
      return {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: (a.values ?? []).map((v) => v.value) },
        'x-tessera': { field: 'multipicklist', ...options, options: picklist() },
      };
    case 'lookup':
      return {
        type: 'string',
        format: 'uuid',
        'x-tessera': defined({ field: 'lookup', ...options, target: a.target, onDelete: a.onDelete }),
      };
    case 'master_detail':
      return {
        type: 'string',
        format: 'uuid',
        'x-tessera': defined({ field: 'master_detail', ...options, target: a.target }),
      };
    case 'user':
      return { type: 'string', format: 'uuid', 'x-tessera': { field: 'user', ...options } };
    case 'formula': {
      const returns = a.returns ?? 'text';
      return {
        ...(JSON_OF_RETURNS[returns] as { type: string }),
        readOnly: true,
        'x-tessera': defined({ field: 'formula', ...options, formula: a.formula, returns, scale: a.scale }),
      };
    }
    case 'rollup':
      return {
        type: 'number',
        readOnly: true,
        'x-tessera': defined({
          field: 'rollup',
          ...options,
          summarizedObject: a.summarizedObject,
          function: a.rollupFunction ?? 'count',
          summarizedField: a.rollupFunction === 'count' ? undefined : a.summarizedField,
        }),
      };
    case 'autonumber':
      return {
        type: 'string',
        readOnly: true,
        'x-tessera': { field: 'autonumber', ...options, format: a.format ?? '{0000}' },
      };
    case 'geolocation':
    case 'json':
      return { type: 'object', 'x-tessera': { field: a.type, ...options } };
  }
}

/** The answers that make `prop` again: how the editor opens an existing field. */
export function answersOf(prop: PropertyDocument): FieldAnswers {
  const o = prop['x-tessera'];
  const numberOr = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    ...defined({
      maxLength: numberOr(prop.maxLength),
      scale: o.scale,
      minimum: numberOr(prop.minimum),
      maximum: numberOr(prop.maximum),
      target: o.target,
      onDelete: o.onDelete,
      formula: o.formula,
      returns: o.returns,
      summarizedObject: o.summarizedObject,
      summarizedField: o.summarizedField,
      rollupFunction: o.function,
      format: o.format,
      unique: o.unique,
    }),
    type: o.field as EditorFieldType,
    labelEn: o.label?.en ?? '',
    labelZh: o.label?.['zh-CN'] ?? '',
    ...(o.options
      ? {
          values: o.options.map((v) => ({
            value: v.value,
            en: v.label?.en ?? '',
            zh: v.label?.['zh-CN'] ?? '',
            ...(v.color ? { color: v.color } : {}),
          })),
        }
      : {}),
  };
}
