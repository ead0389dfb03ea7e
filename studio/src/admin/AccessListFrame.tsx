/** The frame of an Access list page (roles, permission sets, users): title, "new" button, hint, load error, empty text. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  title: string;
  newLabel: string;
  onNew(): void;
  hint: string;
  /** The list's load failed. */
  error: Error | undefined;
  /** Shown once loaded when there is nothing to list. */
  empty: string | undefined;
  children: ReactNode;
}

export function AccessListFrame({ title, newLabel, onNew, hint, error, empty, children }: Props) {
  const { t } = useI18n();
  return (
    <>
      <div className="toolbar">
        <h1>{title}</h1>
        <button type="button" className="primary" onClick={onNew}>
          {newLabel}
        </button>
      </div>
      <p className="hint">{hint}</p>
      {error && <p role="alert">{t('error.generic', { message: error.message })}</p>}
      {empty && <p className="muted">{empty}</p>}
      {children}
    </>
  );
}
