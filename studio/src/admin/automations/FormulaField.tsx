/**
 * A formula of the automation, checked by the server as it is typed (the draft's dry run): its errors under it,
 * or that it is valid once the check found nothing at its place.
 */
import { useI18n } from '../../i18n/i18n.js';
import { type DraftCheck, errorsAt } from './use-draft-check.js';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Where the formula is in the document, as the server's problems name it. */
  pointer: string;
  check: DraftCheck;
  hint?: string;
  rows?: number;
}

export function FormulaField({ id, label, value, onChange, pointer, check, hint, rows = 2 }: Props) {
  const { t } = useI18n();
  const errors = check.state === 'checked' ? errorsAt(check.errors, pointer) : [];
  const ok = check.state === 'checked' && errors.length === 0 && value.trim() !== '';
  return (
    <div className="formula-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="formula"
        rows={rows}
        spellCheck={false}
        value={value}
        aria-invalid={errors.length > 0}
        aria-describedby={`${id}-check`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div id={`${id}-check`} aria-live="polite">
        {errors.map((m) => (
          <p key={m} className="field-error">
            {m}
          </p>
        ))}
        {ok && <p className="formula-ok">{t('admin.formulaOk')}</p>}
      </div>
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}

/** The problems the server found at one place of the draft, shown in place. */
export function ErrorsAt({ check, pointer }: { check: DraftCheck; pointer: string }) {
  const errors = check.state === 'checked' ? errorsAt(check.errors, pointer) : [];
  return (
    <>
      {errors.map((m) => (
        <p key={m} className="field-error" data-pointer={pointer}>
          {m}
        </p>
      ))}
    </>
  );
}
