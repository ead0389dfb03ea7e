/**
 * One field's input, by its type: the right control (number, date, select, lookup or user picker …), with the value
 * kept as the API takes it (numbers as numbers, blanks as null, datetimes in UTC from the user's local time).
 */
import { normalizePhone } from '@tessera/engine/normalize-phone';
import { type Control, Controller, type UseFormRegister } from 'react-hook-form';
import type { PropertyDocument } from '../api/types.js';
import { optionLabel } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { allowedOptions } from './dependent-options.js';
import { LookupPicker } from './LookupPicker.js';
import { UserPicker } from './users.js';

type Values = Record<string, unknown>;

interface Props {
  name: string;
  prop: PropertyDocument;
  register: UseFormRegister<Values>;
  control: Control<Values>;
  invalid: boolean;
  readOnly: boolean;
  /** The target objects' name fields, for lookups. */
  nameFieldOf(object: string): string;
  /** A dependent picklist's controlling field's current value. */
  controlling?: unknown;
}

const orNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const toNumber = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
/** `datetime-local` gives the user's wall-clock time; the API stores the instant. */
const toInstant = (v: unknown) => (v ? new Date(String(v)).toISOString() : null);
export const toLocalInput = (iso: unknown) => {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function FieldInput({
  name,
  prop,
  register,
  control,
  invalid,
  readOnly,
  nameFieldOf,
  controlling,
}: Props) {
  const { t, locale } = useI18n();
  const o = prop['x-tessera'];
  const common = { id: `field-${name}`, 'aria-invalid': invalid, disabled: readOnly };
  switch (o.field) {
    case 'textarea':
    case 'richtext':
      return <textarea rows={4} {...common} {...register(name, { setValueAs: orNull })} />;
    case 'integer':
    case 'number':
    case 'currency':
    case 'percent': {
      const scale = o.field === 'integer' ? 0 : (o.scale ?? (o.field === 'currency' ? 2 : undefined));
      const step = scale === undefined ? 'any' : scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`;
      return (
        <input
          type="number"
          step={step}
          inputMode="decimal"
          {...common}
          {...register(name, { setValueAs: toNumber })}
        />
      );
    }
    case 'boolean':
      return <input type="checkbox" {...common} {...register(name)} />;
    case 'date':
      return <input type="date" {...common} {...register(name, { setValueAs: orNull })} />;
    case 'datetime':
      return <input type="datetime-local" {...common} {...register(name, { setValueAs: toInstant })} />;
    case 'time':
      return <input type="time" step="1" {...common} {...register(name, { setValueAs: orNull })} />;
    case 'picklist':
      return (
        <select {...common} {...register(name, { setValueAs: orNull })}>
          <option value="">{t('field.choose')}</option>
          {allowedOptions(prop, controlling).map((option) => (
            <option key={option.value} value={option.value}>
              {optionLabel(prop, option.value, locale)}
            </option>
          ))}
        </select>
      );
    case 'multipicklist':
      return (
        <select multiple {...common} {...register(name)}>
          {(o.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {optionLabel(prop, option.value, locale)}
            </option>
          ))}
        </select>
      );
    case 'lookup':
    case 'master_detail':
      return (
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <LookupPicker
              id={common.id}
              target={o.target ?? ''}
              nameField={nameFieldOf(o.target ?? '')}
              value={(field.value as string | null) ?? null}
              onChange={(v) => field.onChange(v)}
              invalid={invalid}
            />
          )}
        />
      );
    case 'user':
      return (
        <Controller
          name={name}
          control={control}
          render={({ field }) => (
            <UserPicker
              id={common.id}
              value={(field.value as string | null) ?? null}
              onChange={(v) => field.onChange(v)}
              invalid={invalid}
            />
          )}
        />
      );
    case 'email':
      return <input type="email" {...common} {...register(name, { setValueAs: orNull })} />;
    case 'url':
      return <input type="url" {...common} {...register(name, { setValueAs: orNull })} />;
    case 'phone':
      // Normalized as the server normalizes it before checking (separators dropped), so both agree.
      return (
        <input
          type="tel"
          {...common}
          {...register(name, { setValueAs: (v) => (v ? normalizePhone(String(v)) : null) })}
        />
      );
    default:
      return <input type="text" {...common} {...register(name, { setValueAs: orNull })} />;
  }
}

/** The field types a form edits (the others are computed by the platform). */
export const EDITABLE = (prop: PropertyDocument) =>
  !['formula', 'rollup', 'autonumber', 'json', 'geolocation'].includes(prop['x-tessera'].field) &&
  !prop.readOnly;
