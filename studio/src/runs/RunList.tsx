/**
 * Automation runs, newest first (failures first when asked): status, automation, record, trigger, when, how long,
 * the error. A run opens in place with its actions and each queued job's attempts; a failed or dead run can be
 * retried. The setup page's run log and a record page's automation history both show this list.
 */
import type { AutomationRun, AutomationRunDetail, RunPage, RunQuery } from '@tessera/client';
import { useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError } from '../api/client.js';
import { tessera, viaClient } from '../api/tessera.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  query: RunQuery;
  /** The run open at first. */
  open?: string | undefined;
  /** Whether the record column is shown (not on the record's own page). */
  showRecord?: boolean;
  /** Told when the server has no run history to give (the list is then not shown at all). */
  onUnavailable?: () => void;
}

const PAGE = 50;
const failed = (run: AutomationRun) => run.status === 'failed' || run.status === 'dead';

export function RunList({ query, open, showRecord = true, onUnavailable }: Props) {
  const { t, locale } = useI18n();
  const [opened, setOpened] = useState<string | undefined>(open);
  const key = JSON.stringify(query);
  const first = useLoad(
    () =>
      tessera.automationRuns.list({ ...query, limit: PAGE }).catch((error: unknown) => {
        onUnavailable?.();
        throw error;
      }),
    [key],
  );
  // The pages loaded after the first, while the first is the one they followed (a reload starts over).
  const [later, setLater] = useState<{ after: RunPage; runs: AutomationRun[]; cursor: string | null } | null>(
    null,
  );
  const more = later && later.after === first.data ? later : null;
  const runs = [...(first.data?.data ?? []), ...(more?.runs ?? [])];
  const cursor = more ? more.cursor : (first.data?.page.nextCursor ?? null);
  const loadMore = async () => {
    const after = first.data;
    if (!cursor || !after) return;
    const page = await tessera.automationRuns.list({ ...query, limit: PAGE, cursor });
    setLater({ after, runs: [...(more?.runs ?? []), ...page.data], cursor: page.page.nextCursor });
  };
  if (first.error) return onUnavailable ? null : <p role="alert">{first.error.message}</p>;
  if (!first.data) return null;
  if (runs.length === 0) return <p className="muted">{t('runs.none')}</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="fields-table runs-table">
          <thead>
            <tr>
              <th>{t('runs.status')}</th>
              <th>{t('runs.automation')}</th>
              {showRecord && <th>{t('runs.record')}</th>}
              <th>{t('runs.trigger')}</th>
              <th>{t('runs.when')}</th>
              <th>{t('runs.duration')}</th>
              <th>{t('runs.error')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                showRecord={showRecord}
                opened={opened === run.id}
                onToggle={() => setOpened(opened === run.id ? undefined : run.id)}
                onRetried={() => first.reload()}
                locale={locale}
              />
            ))}
          </tbody>
        </table>
      </div>
      {cursor && (
        <button type="button" onClick={loadMore}>
          {t('list.more')}
        </button>
      )}
    </>
  );
}

function RunRow({
  run,
  showRecord,
  opened,
  onToggle,
  onRetried,
  locale,
}: {
  run: AutomationRun;
  showRecord: boolean;
  opened: boolean;
  onToggle(): void;
  onRetried(): void;
  locale: string;
}) {
  const { t } = useI18n();
  const columns = showRecord ? 7 : 6;
  return (
    <>
      <tr data-run={run.id} data-status={run.status} className={failed(run) ? 'run-failed' : ''}>
        <td>
          <button type="button" className="link" aria-expanded={opened} onClick={onToggle}>
            <span className={`badge status-${run.status}`}>{t(`runs.status.${run.status}`)}</span>
          </button>
        </td>
        <td data-label={t('runs.automation')}>
          <code>{run.automation}</code>
        </td>
        {showRecord && (
          <td data-label={t('runs.record')}>
            {run.recordId ? (
              <a
                href={`/o/${run.object}/${run.recordId}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'record', object: run.object, id: run.recordId as string });
                }}
              >
                <code>{run.object}</code>
              </a>
            ) : (
              <code>{run.object}</code>
            )}
          </td>
        )}
        <td data-label={t('runs.trigger')}>{t(`runs.trigger.${run.trigger}`)}</td>
        <td data-label={t('runs.when')}>{formatDateTime(run.createdAt, locale)}</td>
        <td data-label={t('runs.duration')}>
          {run.durationMs === null ? '—' : t('runs.ms', { ms: run.durationMs })}
        </td>
        <td className="run-error">{run.error ?? ''}</td>
      </tr>
      {opened && (
        <tr className="run-detail-row">
          <td colSpan={columns}>
            <RunDetail id={run.id} onRetried={onRetried} />
          </td>
        </tr>
      )}
    </>
  );
}

/** One run's actions and its jobs' attempts, with Retry where something failed. */
function RunDetail({ id, onRetried }: { id: string; onRetried(): void }) {
  const { t, locale } = useI18n();
  const detail = useLoad(() => viaClient(tessera.automationRuns.get(id)), [id]);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (detail.error) return <p role="alert">{detail.error.message}</p>;
  if (!detail.data) return null;
  const run: AutomationRunDetail = detail.data;
  const retry = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await viaClient(tessera.automationRuns.retry(id));
      detail.reload();
      onRetried();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="run-detail" aria-label={t('runs.detail')}>
      <Refusal error={refusal} />
      <ol className="run-actions">
        {run.actions.map((action) => {
          const job = run.jobs.find((j) => j.actionIndex === action.index);
          return (
            <li key={action.index} className="run-action" data-action-index={action.index}>
              <strong>{t(`auto.action.${action.type as 'notify'}`)}</strong>{' '}
              <span className={`badge status-${job?.status ?? action.status}`}>
                {job ? t(`runs.job.${job.status}`) : t('runs.inTransaction')}
              </span>
              {job && (
                <>
                  {' '}
                  <span className="muted">{t('runs.delivery', { id: job.id })}</span>
                  {job.lastError && <p className="run-error">{job.lastError}</p>}
                  {job.status === 'pending' && job.attempts > 0 && (
                    <p className="muted">{t('runs.nextTry', { when: formatDateTime(job.runAt, locale) })}</p>
                  )}
                  {job.history.length > 0 && (
                    <ul className="attempts" aria-label={t('runs.attempts')}>
                      {job.history.map((a) => (
                        <li key={a.attempt} data-outcome={a.outcome}>
                          {t('runs.attempt', {
                            n: a.attempt,
                            when: formatDateTime(a.startedAt, locale),
                            outcome: t(a.outcome === 'ok' ? 'runs.ok' : 'runs.failedAttempt'),
                          })}
                          {` · ${t('runs.ms', { ms: a.durationMs })}`}
                          {a.detail && <span className="muted"> · {a.detail}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {(run.status === 'failed' || run.status === 'dead' || run.jobs.some((j) => j.status === 'dead')) && (
        <button type="button" className="primary" disabled={busy} onClick={retry}>
          {t('runs.retry')}
        </button>
      )}
    </section>
  );
}
