/**
 * What the import does with each row — create, update, or both — and the key that finds the records to update.
 * Chosen with the file: the server maps the columns for it (an `id` column is the key of an update, and refused
 * for an insert, which makes new ids).
 */
import type { ImportMode } from '@tessera/client';
import type { ObjectDescription } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { keyFields, type WizardOptions } from './import-choices.js';

interface Props {
  description: ObjectDescription;
  options: WizardOptions;
  onChange(options: WizardOptions): void;
}

const MODES: ImportMode[] = ['insert', 'update', 'upsert'];

export function ModeChoice({ description, options, onChange }: Props) {
  const { t, label } = useI18n();
  const keyLabel = (field: string) =>
    field === 'id'
      ? t('system.id')
      : label(description.document.properties[field]?.['x-tessera'].label, field);
  return (
    <>
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
                onChange={() => onChange({ ...options, mode })}
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
            onChange={(e) => onChange({ ...options, key: e.target.value })}
          >
            {keyFields(description).map((field) => (
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
    </>
  );
}
