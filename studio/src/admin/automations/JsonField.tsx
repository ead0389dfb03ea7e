/** A JSON value typed as text (a schedule's record filter): kept as typed while it does not parse, said so. */
import type { JsonValue } from '@tessera/engine/types';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';

interface Props {
  id: string;
  label: string;
  hint: string;
  value: unknown;
  /** The parsed value; `undefined` when the text is empty. */
  onChange(value: JsonValue | undefined): void;
}

export function JsonField({ id, label, hint, value, onChange }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <div className="json-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="formula"
        rows={3}
        spellCheck={false}
        value={text}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed = e.target.value.trim() ? JSON.parse(e.target.value) : undefined;
            setBad(false);
            onChange(parsed as JsonValue | undefined);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <p className="field-error">{t('auto.badJson')}</p>}
      <p className="hint">{hint}</p>
    </div>
  );
}
