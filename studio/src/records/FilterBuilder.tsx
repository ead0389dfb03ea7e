/**
 * Conditions on fields, all or any of which a record must meet: a field, an operator that suits its type, a
 * value. They become a filter of the data API, joined with the view's own.
 */
import { useContext, useState } from 'react';
import type { ObjectDocument, PropertyDocument } from '../api/types.js';
import { formatValue, optionLabel } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { type Condition, describeCondition, type Match, operatorKey } from './filter.js';
import { LookupPicker } from './LookupPicker.js';
import { isLink, NameFields } from './lookup.js';
import { isUserField, ME, UserPicker } from './users.js';

/**
 * The operators offered: the API's, and `isNotNull` — `isNull: false` as a choice of its own, so that neither
 * "is empty" nor "is not empty" asks for a value.
 */
const ORDERED = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isNull', 'isNotNull'];
const TEXT = ['contains', 'startsWith', 'eq', 'ne', 'isNull', 'isNotNull'];
const CHOICE = ['eq', 'ne', 'isNull', 'isNotNull'];

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
    case 'user':
      return CHOICE;
    case 'multipicklist':
      return ['contains', 'isNull', 'isNotNull'];
    case 'formula':
    case 'json':
    case 'geolocation':
      return [];
    default:
      return TEXT;
  }
}

function typed(prop: PropertyDocument, raw: string): unknown {
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
  match: Match;
  onMatch(match: Match): void;
}

export function FilterBuilder({ object, conditions, onChange, match, onMatch }: Props) {
  const { t, label, locale } = useI18n();
  const fields = Object.entries(object.properties).filter(([, prop]) => operatorsFor(prop).length);
  const [field, setField] = useState(fields[0]?.[0] ?? '');
  const prop = object.properties[field];
  const operators = prop ? operatorsFor(prop) : [];
  const [op, setOp] = useState(operators[0] ?? 'eq');
  const [value, setValue] = useState('');
  // A lookup's value is the linked record's id, chosen by its name: the name the condition is shown by.
  const [valueName, setValueName] = useState('');
  const nameFieldOf = useContext(NameFields);
  const fieldLabel = (name: string) =>
    label(object.properties[name]?.['x-tessera'].label, object.properties[name]?.title ?? name);

  const words = { yes: t('field.yes'), no: t('field.no') };
  const emptiness = op === 'isNull' || op === 'isNotNull';
  const add = () => {
    if (!prop || (!emptiness && value === '')) return;
    const condition: Condition = emptiness
      ? { field, op: 'isNull', value: op === 'isNull' }
      : { field, op, value: typed(prop, value), ...(valueName ? { shown: valueName } : {}) };
    onChange([...conditions, condition]);
    setValue('');
    setValueName('');
  };
  /** A condition as a sentence: the field's label, the operator's words, the value as the user chose it. */
  const describe = (c: Condition) => {
    const p = object.properties[c.field];
    // A user field's `me` is said in the current language, whoever reads the list.
    return describeCondition(c, fieldLabel(c.field), t(operatorKey(c.op, c.value, p)), (v) =>
      isUserField(p) && v === ME ? t('userField.me') : formatValue(v, p, locale, words),
    );
  };
  const kind = prop?.['x-tessera'].field;
  // A lookup's target the user may read is searched by name; without it, the id is typed.
  const target = prop && isLink(prop) ? prop['x-tessera'].target : undefined;
  const targetName = target ? nameFieldOf(target) : undefined;
  const inputType = emptiness
    ? 'none'
    : target && targetName
      ? 'lookup'
      : kind === 'user'
        ? 'user'
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
      {conditions.length > 1 && (
        <select aria-label={t('list.match')} value={match} onChange={(e) => onMatch(e.target.value as Match)}>
          <option value="all">{t('list.matchAll')}</option>
          <option value="any">{t('list.matchAny')}</option>
        </select>
      )}
      {conditions.map((c, i) => (
        <button
          type="button"
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place.
          key={i}
          className="chip"
          title={t('list.removeCondition')}
          onClick={() => onChange(conditions.filter((_, j) => j !== i))}
        >
          {i > 0 && <span className="chip-join">{t(match === 'any' ? 'list.or' : 'list.and')} </span>}
          {describe(c)} ×
        </button>
      ))}
      <select
        aria-label={t('list.filterField')}
        value={field}
        onChange={(e) => {
          setField(e.target.value);
          setOp(operatorsFor(object.properties[e.target.value] as PropertyDocument)[0] ?? 'eq');
          setValue('');
          setValueName('');
        }}
      >
        {fields.map(([name]) => (
          <option key={name} value={name}>
            {fieldLabel(name)}
          </option>
        ))}
      </select>
      <select aria-label={t('list.filterOperator')} value={op} onChange={(e) => setOp(e.target.value)}>
        {operators.map((o) => (
          <option key={o} value={o}>
            {t(operatorKey(o, true, prop))}
          </option>
        ))}
      </select>
      {inputType === 'none' ? null : inputType === 'lookup' && target && targetName ? (
        <LookupPicker
          // A new field starts a new search.
          key={field}
          label={t('list.filterValueLabel')}
          target={target}
          nameField={targetName}
          value={value || null}
          onChange={(id, name) => {
            setValue(id ?? '');
            setValueName(id ? (name ?? '') : '');
          }}
        />
      ) : inputType === 'user' ? (
        <UserPicker
          key={field}
          label={t('list.filterValueLabel')}
          meAsOperand
          value={value || null}
          onChange={(id, name) => {
            setValue(id ?? '');
            setValueName(id && id !== ME ? (name ?? '') : '');
          }}
        />
      ) : inputType === 'select' ? (
        <select
          aria-label={t('list.filterValueLabel')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        >
          <option value="" />
          {kind === 'boolean'
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
          aria-label={t('list.filterValueLabel')}
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
