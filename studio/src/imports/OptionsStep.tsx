/**
 * The wizard's third step: create, update or both (and the key that finds the records to update), all rows or
 * none, and how the file writes its dates and numbers.
 */
import type { DateOrder, DecimalSeparator, ImportMode } from '@tessera/client';
import type { ObjectDescription } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { keyFields, type WizardOptions } from './import-choices.js';

interface Props {
  description: ObjectDescription;
  options: WizardOptions;
  /** A check is being started: not twice. */
  busy: boolean;
  onChange(options: WizardOptions): void;
  onBack(): void;
  onNext(): void;
}

const MODES: ImportMode[] = ['insert', 'update', 'upsert'];
const DATE_ORDERS: DateOrder[] = ['ymd', 'dmy', 'mdy'];
const SEPARATORS: [DecimalSeparator, 'dot' | 'comma'][] = [
  ['.', 'dot'],
  [',', 'comma'],
];

export function OptionsStep({ description, options, busy, onChange, onBack, onNext }: Props) {
  const { t, label } = useI18n();
  const set = (change: Partial<WizardOptions>) => onChange({ ...options, ...change });
  const keys = keyFields(description);
  const keyLabel = (field: string) =>
    field === 'id'
      ? t('system.id')
      : label(description.document.properties[field]?.['x-tessera'].label, field);
  return (
    <div className="section wizard-step import-options">
      <fieldset>
        <legend>{t('import.mode')}</legend>
        <div className="choice-column" role="radiogroup" aria-label={t('import.mode')}>
          {MODES.map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="import-mode"
                value={mode}
                checked={options.mode === mode}
                onChange={() => set({ mode })}
              />{' '}
              {t(`import.mode.${mode}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {options.mode !== 'insert' && (
        <div className="field">
          <label htmlFor="import-key">{t('import.key')}</label>
          <select
            id="import-key"
            value={options.key}
            aria-describedby="import-key-hint"
            onChange={(e) => set({ key: e.target.value })}
          >
            {keys.map((field) => (
              <option key={field} value={field}>
                {keyLabel(field)} ({field})
              </option>
            ))}
          </select>
          <p id="import-key-hint" className="hint">
            {t('import.keyHint')}
          </p>
        </div>
      )}
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={options.atomic}
            aria-describedby="import-atomic-hint"
            onChange={(e) => set({ atomic: e.target.checked })}
          />{' '}
          {t('import.atomic')}
        </label>
        <p id="import-atomic-hint" className="hint">
          {t('import.atomicHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="import-date-order">{t('import.dateOrder')}</label>
        <select
          id="import-date-order"
          value={options.dateOrder}
          onChange={(e) => set({ dateOrder: e.target.value as DateOrder })}
        >
          {DATE_ORDERS.map((order) => (
            <option key={order} value={order}>
              {t(`import.dateOrder.${order}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-decimal">{t('import.decimal')}</label>
        <select
          id="import-decimal"
          value={options.decimalSeparator}
          onChange={(e) => set({ decimalSeparator: e.target.value as DecimalSeparator })}
        >
          {SEPARATORS.map(([separator, name]) => (
            <option key={name} value={separator}>
              {t(`import.decimal.${name}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('import.back')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={onNext}>
          {t('import.check')}
        </button>
      </div>
    </div>
  );
}
