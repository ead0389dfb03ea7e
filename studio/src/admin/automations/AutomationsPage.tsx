/**
 * Setup → Automations: every automation with its object, trigger and actions, switched on or off in place (the
 * switch is reviewed as a change, like any other), edited on its own page, deleted after review; the run log
 * a click away.
 */
import { diffValues } from '@tessera/engine/diff-values';
import { automations, viaClient } from '../../api/tessera.js';
import { useLoad } from '../../api/use-api.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { EditDeleteButtons } from '../EditDeleteButtons.js';
import { PlanReview } from '../PlanReview.js';
import { Refusal } from '../Refusal.js';
import { useChange } from '../use-change.js';
import { type AutomationDocument, sortedAutomations, withActive } from './automation-document.js';
import { triggerSummary } from './trigger-summary.js';

export function AutomationsPage() {
  const { t, label, locale } = useI18n();
  const list = useLoad(() => viaClient(automations().list()).then(sortedAutomations), []);
  const change = useChange(() => list.reload());
  const conjunction = new Intl.ListFormat(locale, { type: 'conjunction' });

  const toggle = (doc: AutomationDocument) => {
    const next = withActive(doc, !doc.active);
    change.review({
      method: 'PUT',
      path: `/meta/automations/${doc.apiName}`,
      summary: t(next.active ? 'auto.planActivate' : 'auto.planDeactivate', { name: doc.apiName }),
      diff: diffValues(doc, next),
      send: (dryRun) => viaClient(automations().put(next, { dryRun })),
    });
  };

  return (
    <section className="automations">
      <div className="toolbar">
        <h1>{t('auto.title')}</h1>
        <button type="button" onClick={() => navigate({ page: 'automationRuns' })}>
          {t('runs.title')}
        </button>
        <button type="button" className="primary" onClick={() => navigate({ page: 'automation' })}>
          {t('auto.new')}
        </button>
      </div>
      <p className="hint">{t('auto.hint')}</p>
      {list.error && <p role="alert">{t('error.generic', { message: list.error.message })}</p>}
      {list.data && list.data.length === 0 && <p className="muted">{t('auto.none')}</p>}
      <Refusal error={change.refusal} />
      <PlanReview change={change} />
      {list.data && list.data.length > 0 && (
        <div className="table-scroll">
          <table className="fields-table automations-table">
            <thead>
              <tr>
                <th>{t('auto.label')}</th>
                <th>{t('auto.object')}</th>
                <th>{t('auto.trigger')}</th>
                <th>{t('auto.actions')}</th>
                <th>{t('admin.active')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((doc) => (
                <tr key={doc.apiName} data-automation={doc.apiName} className={doc.active ? '' : 'muted'}>
                  <td>
                    <a
                      href={`/setup/automations/${doc.apiName}/edit`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'automation', name: doc.apiName });
                      }}
                    >
                      {label(doc.label, doc.apiName)}
                    </a>{' '}
                    <code>{doc.apiName}</code>
                  </td>
                  <td>
                    <code>{doc.object}</code>
                  </td>
                  <td className="trigger-summary">
                    {triggerSummary(t, doc.trigger, (items) => conjunction.format(items))}
                  </td>
                  <td>{conjunction.format(doc.actions.map((a) => t(`auto.action.${a.type}`)))}</td>
                  <td>
                    <label className="switch">
                      <input
                        type="checkbox"
                        checked={doc.active}
                        disabled={change.busy}
                        aria-label={t('auto.activeSwitch', { name: label(doc.label, doc.apiName) })}
                        onChange={() => toggle(doc)}
                      />
                      <span className="phone-only">
                        {' '}
                        {t(doc.active ? 'auto.isActive' : 'auto.isInactive')}
                      </span>
                    </label>
                  </td>
                  <td className="row-actions">
                    <EditDeleteButtons
                      onEdit={() => navigate({ page: 'automation', name: doc.apiName })}
                      onDelete={() =>
                        change.review({
                          method: 'DELETE',
                          path: `/meta/automations/${doc.apiName}`,
                          summary: t('auto.planDelete', { name: doc.apiName }),
                          send: (dryRun) => viaClient(automations().delete(doc.apiName, { dryRun })),
                        })
                      }
                    />
                    <button
                      type="button"
                      onClick={() => navigate({ page: 'automationRuns', automation: doc.apiName })}
                    >
                      {t('runs.short')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
