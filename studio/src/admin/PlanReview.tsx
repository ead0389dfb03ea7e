/**
 * A pending change's migration plan (and, for a document edited in a form, its values before and after), shown
 * before it is applied; the admin applies it or goes back.
 */
import type { ValueChange } from '@tessera/engine/diff-values';
import { useI18n } from '../i18n/i18n.js';
import type { ChangeFlow } from './use-change.js';

export function PlanReview({ change }: { change: ChangeFlow }) {
  const { t } = useI18n();
  if (!change.pending) return null;
  const { steps, change: pending } = change.pending;
  return (
    <section className="section plan" aria-label={t('admin.plan')}>
      <h2>{t('admin.plan')}</h2>
      {pending.summary && <p>{pending.summary}</p>}
      {pending.diff && pending.diff.length > 0 && <ValueChanges changes={pending.diff} />}
      {steps.length ? (
        <ol>
          {steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed list, shown once.
            <li key={i}>{s.description}</li>
          ))}
        </ol>
      ) : (
        !pending.summary && <p>{t('admin.noChanges')}</p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={change.busy} onClick={change.apply}>
          {t('admin.apply')}
        </button>
        <button type="button" onClick={change.cancel}>
          {t('record.cancel')}
        </button>
      </div>
    </section>
  );
}

const shown = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** Each value a change alters, by its place in the document: before → after (as the history shows them). */
export function ValueChanges({ changes }: { changes: readonly ValueChange[] }) {
  const { t } = useI18n();
  return (
    <ul className="value-changes" aria-label={t('admin.valueChanges')}>
      {changes.map((c) => (
        <li key={c.pointer}>
          <code>{c.pointer}</code>: <del>{shown(c.before)}</del> → <ins>{shown(c.after)}</ins>
        </li>
      ))}
    </ul>
  );
}
