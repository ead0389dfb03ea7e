/** The wizard's third step: all rows or none, and how the file writes its dates and numbers. */
import type { DateOrder, DecimalSeparator } from '@tessera/client';
import { useI18n } from '../i18n/i18n.js';
import type { WizardOptions } from './import-choices.js';

interface Props {
  options: WizardOptions;
  /** A check is being started: not twice. */
  busy: boolean;
  onChange(options: WizardOptions): void;
  onBack(): void;
  onNext(): void;
}

const DATE_ORDERS: DateOrder[] = ['ymd', 'dmy', 'mdy'];
const SEPARATORS: [DecimalSeparator, 'dot' | 'comma'][] = [
  ['.', 'dot'],
  [',', 'comma'],
];

export function OptionsStep({ options, busy, onChange, onBack, onNext }: Props) {
  const { t } = useI18n();
  const set = (change: Partial<WizardOptions>) => onChange({ ...options, ...change });
  return (
    <div className="section wizard-step import-options">
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
