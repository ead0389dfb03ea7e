/**
 * The fields an update or create action sets, one row each: the field (from those a write may set), and either a
 * literal value (typed as the field's schema takes it; a picklist's values to choose from) or a formula over the
 * triggering record, checked as it is typed.
 */
import type { ObjectDescription } from '../../api/types.js';
import { choiceText } from '../../i18n/choices.js';
import { optionLabel } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { AutomationSet } from './automation-document.js';
import { ErrorsAt, FormulaField } from './FormulaField.js';
import { literalOf, writableFields } from './field-choices.js';
import type { DraftCheck } from './use-draft-check.js';

interface Props {
  /** Where the list is in the document (`/actions/0/set`). */
  pointer: string;
  set: AutomationSet[];
  onChange(set: AutomationSet[]): void;
  /** The object whose fields are set; absent while it is not chosen or loading. */
  target: ObjectDescription | undefined;
  on: 'create' | 'update';
  check: DraftCheck;
}

export function SetRows({ pointer, set, onChange, target, on, check }: Props) {
  const { t, label, locale } = useI18n();
  const props = target?.document.properties ?? {};
  const fields = target ? writableFields(target, on) : [];
  const replace = (i: number, row: AutomationSet) => onChange(set.map((r, j) => (j === i ? row : r)));
  const id = pointer.replaceAll('/', '-').slice(1);
  return (
    <fieldset className="set-rows">
      <legend>{t('auto.setFields')}</legend>
      {set.map((row, i) => {
        const at = `${pointer}/${i}`;
        const prop = props[row.field];
        const schema = target?.schemas[on].properties[row.field] as
          | { type?: unknown; enum?: unknown[] }
          | undefined;
        const byFormula = 'formula' in row;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place.
          <div key={i} className="set-row" data-set-row={i}>
            <div>
              <label htmlFor={`${id}-${i}-field`}>{t('admin.field')}</label>
              <select
                id={`${id}-${i}-field`}
                value={row.field}
                onChange={(e) => replace(i, { ...row, field: e.target.value })}
              >
                <option value="">{t('field.choose')}</option>
                {fields.map((name) => (
                  <option key={name} value={name}>
                    {choiceText(t, label(props[name]?.['x-tessera'].label, name), name)}
                  </option>
                ))}
                {row.field && !fields.includes(row.field) && <option value={row.field}>{row.field}</option>}
              </select>
              <ErrorsAt check={check} pointer={`${at}/field`} />
            </div>
            <div>
              <label htmlFor={`${id}-${i}-mode`}>{t('auto.setBy')}</label>
              <select
                id={`${id}-${i}-mode`}
                value={byFormula ? 'formula' : 'value'}
                onChange={(e) =>
                  replace(
                    i,
                    e.target.value === 'formula'
                      ? { field: row.field, formula: '' }
                      : { field: row.field, value: '' },
                  )
                }
              >
                <option value="value">{t('auto.setValue')}</option>
                <option value="formula">{t('auto.setFormula')}</option>
              </select>
            </div>
            {'formula' in row ? (
              <FormulaField
                id={`${id}-${i}-formula`}
                label={t('auto.setFormula')}
                value={row.formula}
                onChange={(formula) => replace(i, { field: row.field, formula })}
                pointer={`${at}/formula`}
                check={check}
              />
            ) : (
              <div>
                <label htmlFor={`${id}-${i}-value`}>{t('auto.setValue')}</label>
                {Array.isArray(schema?.enum) ? (
                  <select
                    id={`${id}-${i}-value`}
                    value={String(row.value ?? '')}
                    onChange={(e) => replace(i, { field: row.field, value: e.target.value })}
                  >
                    <option value="">{t('field.choose')}</option>
                    {schema.enum
                      .filter((v): v is string => typeof v === 'string')
                      .map((v) => (
                        <option key={v} value={v}>
                          {prop ? optionLabel(prop, v, locale) : v}
                        </option>
                      ))}
                  </select>
                ) : (
                  <input
                    id={`${id}-${i}-value`}
                    value={row.value === null || row.value === undefined ? '' : String(row.value)}
                    onChange={(e) =>
                      replace(i, { field: row.field, value: literalOf(schema, e.target.value) })
                    }
                  />
                )}
                <ErrorsAt check={check} pointer={`${at}/value`} />
              </div>
            )}
            <button
              type="button"
              className="remove"
              aria-label={t('auto.removeSet', { n: i + 1 })}
              onClick={() => onChange(set.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...set, { field: '', value: '' }])}>
        {t('auto.addSet')}
      </button>
      <ErrorsAt check={check} pointer={pointer} />
    </fieldset>
  );
}
