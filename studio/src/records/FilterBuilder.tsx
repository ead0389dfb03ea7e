/**
 * Conditions on fields, all of which a record must meet: a field, an operator that suits its type, a value.
 * They become a filter of the data API, joined with the view's own.
 */
import { useState } from 'react';
import type { ObjectDocument, PropertyDocument } from '../api/types.js';
import { optionLabel } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';

export interface Condition {
  field: string;
  op: string;
  value: unknown;
}

const ORDERED = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull'];
const TEXT = ['contains', 'startsWith', 'eq', 'ne', 'isNull'];
const CHOICE = ['eq', 'ne', 'isNull'];

/** Operators offered per field type (the server accepts them for that type). */
function operatorsFor(prop: PropertyDocument): string[] {
  switch (prop['x-tessera'].field) {
    case 'integer':
    case 'number':
    case 'currency':
    case 'percent':
    case 'rollup':
    case 'date':
    case 'datetime':
      return ORDERED;
    case 'picklist':
    case 'boolean':
    case 'lookup':
    case 'master_detail':
      return CHOICE;
    case 'multipicklist':
      return ['contains', 'isNull'];
    case 'formula':
    case 'json':
    case 'geolocation':
      return [];
    default:
      return TEXT;
  }
}

/** The conditions as one filter, with the view's filter (if any) as a further condition. */
export function conditionsToFilter(
  conditions: readonly Condition[],
  base: Record<string, unknown> | undefined,
) {
  const parts: Record<string, unknown>[] = conditions.map((c) => ({ [c.field]: { [c.op]: c.value } }));
  if (base && Object.keys(base).length) parts.push(base);
  if (!parts.length) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

function typed(prop: PropertyDocument, op: string, raw: string): unknown {
  if (op === 'isNull') return raw === 'true';
  const field = prop['x-tessera'].field;
  if (['integer', 'number', 'currency', 'percent', 'rollup'].includes(field)) return Number(raw);
  if (field === 'boolean') return raw === 'true';
  if (field === 'datetime') return new Date(raw).toISOString();
  return raw;
}

interface Props {
  object: ObjectDocument;
  conditions: Condition[];
  onChange(conditions: Condition[]): void;
}

export function FilterBuilder({ object, conditions, onChange }: Props) {
  const { t, label, locale } = useI18n();
  const fields = Object.entries(object.properties).filter(([, prop]) => operatorsFor(prop).length);
  const [field, setField] = useState(fields[0]?.[0] ?? '');
  const prop = object.properties[field];
  const operators = prop ? operatorsFor(prop) : [];
  const [op, setOp] = useState(operators[0] ?? 'eq');
  const [value, setValue] = useState('');
  const fieldLabel = (name: string) =>
    label(object.properties[name]?.['x-tessera'].label, object.properties[name]?.title ?? name);

  const add = () => {
    if (!prop || (op !== 'isNull' && value === '')) return;
    onChange([...conditions, { field, op, value: typed(prop, op, value) }]);
    setValue('');
  };
  const kind = prop?.['x-tessera'].field;
  const inputType =
    op === 'isNull'
      ? 'select'
      : kind === 'picklist' || kind === 'boolean'
        ? 'select'
        : kind === 'date'
          ? 'date'
          : kind === 'datetime'
            ? 'datetime-local'
            : ['integer', 'number', 'currency', 'percent', 'rollup'].includes(kind ?? '')
              ? 'number'
              : 'text';

  return (
    <fieldset className="filter-builder" aria-label={t('list.filter')}>
      {conditions.map((c, i) => (
        <button
          type="button"
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place.
          key={i}
          className="chip"
          onClick={() => onChange(conditions.filter((_, j) => j !== i))}
        >
          {fieldLabel(c.field)} {c.op} {String(c.value)} ×
        </button>
      ))}
      <select
        aria-label={t('list.filterField')}
        value={field}
        onChange={(e) => {
          setField(e.target.value);
          setOp(operatorsFor(object.properties[e.target.value] as PropertyDocument)[0] ?? 'eq');
          setValue('');
        }}
      >
        {fields.map(([name]) => (
          <option key={name} value={name}>
            {fieldLabel(name)}
          </option>
        ))}
      </select>
      <select aria-label="operator" value={op} onChange={(e) => setOp(e.target.value)}>
        {operators.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {inputType === 'select' ? (
        <select aria-label="value" value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="" />
          {op === 'isNull' || kind === 'boolean'
            ? ['true', 'false'].map((v) => (
                <option key={v} value={v}>
                  {v === 'true' ? t('field.yes') : t('field.no')}
                </option>
              ))
            : (prop?.['x-tessera'].options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {optionLabel(prop as PropertyDocument, o.value, locale)}
                </option>
              ))}
        </select>
      ) : (
        <input
          aria-label="value"
          type={inputType}
          value={value}
          placeholder={t('list.filterValue')}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
      )}
      <button type="button" onClick={add}>
        {t('list.apply')}
      </button>
      {conditions.length > 0 && (
        <button type="button" onClick={() => onChange([])}>
          {t('list.clear')}
        </button>
      )}
    </fieldset>
  );
}
