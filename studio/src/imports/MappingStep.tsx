/**
 * The wizard's second step: each column of the file with its first values and the field it fills, as the
 * server suggested (by API name, or by label in any of the object's languages); the user changes or clears
 * them. Columns that fill no field, and fields no column fills, are said.
 */
import type { ImportPreview } from '@tessera/client';
import type { ObjectDescription } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { fieldsChosenTwice, fillableFields, filledField } from './import-choices.js';

interface Props {
  description: ObjectDescription;
  preview: ImportPreview;
  mapping: Record<string, string>;
  onChange(mapping: Record<string, string>): void;
  onBack(): void;
  onNext(): void;
}

const SAMPLES = 3;

export function MappingStep({ description, preview, mapping, onChange, onBack, onNext }: Props) {
  const { t, label } = useI18n();
  const properties = description.document.properties;
  const fieldLabel = (field: string) => {
    // A `<lookup>.<field>` column fills a lookup through one of its target's unique fields.
    const [own = field, through] = field.split('.');
    if (own === 'id') return t('system.id');
    const name = label(properties[own]?.['x-tessera'].label, own);
    return through ? `${name} → ${through}` : name;
  };
  // The server may suggest more than the plain fields (a `<lookup>.<field>` column, the id of an update): those
  // stay choosable.
  const suggested = preview.columns.flatMap((c) =>
    c.field ? [c.lookupKey ? `${c.field}.${c.lookupKey}` : c.field] : [],
  );
  const choices = [...new Set([...fillableFields(description), ...suggested])];
  const columns = preview.columns.map((c) => c.column);
  const unmapped = columns.filter((c) => !mapping[c]);
  const chosen = new Set(
    Object.values(mapping)
      .filter((target) => target !== '')
      .map(filledField),
  );
  const uncovered = fillableFields(description).filter((f) => !chosen.has(f));
  const twice = fieldsChosenTwice(mapping);
  const choose = (column: string, target: string) => onChange({ ...mapping, [column]: target });

  return (
    <div className="section wizard-step">
      <div className="table-scroll">
        <table className="fields-table mapping-table">
          <thead>
            <tr>
              <th>{t('import.column')}</th>
              <th>{t('import.sample')}</th>
              <th>{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column, index) => (
              <tr key={column} data-column={column}>
                <th scope="row">{column}</th>
                <td className="samples">
                  {preview.sample
                    .slice(0, SAMPLES)
                    .map((row) => row[index] ?? '')
                    .filter((cell) => cell !== '')
                    .join(' · ')}
                </td>
                <td>
                  <select
                    aria-label={t('import.field')}
                    value={mapping[column] ?? ''}
                    aria-invalid={twice.includes(filledField(mapping[column] ?? '')) || undefined}
                    onChange={(e) => choose(column, e.target.value)}
                  >
                    <option value="">{t('import.skip')}</option>
                    {choices.map((field) => (
                      <option key={field} value={field}>
                        {fieldLabel(field)} ({field})
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unmapped.length > 0 && (
        <p className="hint" data-testid="unmapped">
          {t('import.unmapped', { count: unmapped.length, columns: unmapped.join(', ') })}
        </p>
      )}
      {uncovered.length > 0 && (
        <p className="hint" data-testid="uncovered">
          {t('import.uncovered', { fields: uncovered.map(fieldLabel).join(', ') })}
        </p>
      )}
      {twice.map((field) => (
        <p key={field} className="field-error" role="alert">
          {t('import.twice', { field: fieldLabel(field) })}
        </p>
      ))}
      {chosen.size === 0 && (
        <p className="field-error" role="alert">
          {t('import.noneMapped')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('import.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={chosen.size === 0 || twice.length > 0}
          onClick={onNext}
        >
          {t('import.next')}
        </button>
      </div>
    </div>
  );
}
