/** A change's migration plan, shown before it is applied; the admin applies it or goes back. */
import { useI18n } from '../i18n/i18n.js';
import type { PlanStep } from './change.js';

interface Props {
  steps: PlanStep[];
  busy: boolean;
  onApply(): void;
  onCancel(): void;
}

export function PlanReview({ steps, busy, onApply, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <section className="section plan" aria-label={t('admin.plan')}>
      <h2>{t('admin.plan')}</h2>
      {steps.length ? (
        <ol>
          {steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed list, shown once.
            <li key={i}>{s.description}</li>
          ))}
        </ol>
      ) : (
        <p>{t('admin.noChanges')}</p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onApply}>
          {t('admin.apply')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('record.cancel')}
        </button>
      </div>
    </section>
  );
}
