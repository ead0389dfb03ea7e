/**
 * Setup → Automations → Run log: every run (or one automation's), failures first unless the admin says
 * otherwise, filtered by status; a run opened from a link shows its details at once.
 */
import type { RunQuery, RunStatus } from '@tessera/client';
import { useState } from 'react';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { RunList } from './RunList.js';

const STATUSES: readonly RunStatus[] = ['pending', 'done', 'failed', 'dead'];

export function RunLogPage({
  automation,
  run,
}: {
  automation?: string | undefined;
  run?: string | undefined;
}) {
  const { t } = useI18n();
  const [failuresFirst, setFailuresFirst] = useState(true);
  const [status, setStatus] = useState<RunStatus | ''>('');
  const query: RunQuery = {
    ...(automation ? { automation } : {}),
    ...(status ? { status } : {}),
    ...(failuresFirst ? { failuresFirst } : {}),
  };
  return (
    <section className="run-log">
      <div className="toolbar">
        <h1>{automation ? t('runs.titleOf', { name: automation }) : t('runs.title')}</h1>
        <button type="button" onClick={() => navigate({ page: 'automations' })}>
          {t('auto.title')}
        </button>
      </div>
      <div className="filters">
        <label>
          <input
            type="checkbox"
            checked={failuresFirst}
            onChange={(e) => setFailuresFirst(e.target.checked)}
          />{' '}
          {t('runs.failuresFirst')}
        </label>
        <label htmlFor="runs-status">{t('runs.status')}</label>
        <select id="runs-status" value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
          <option value="">{t('runs.anyStatus')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`runs.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <RunList query={query} open={run} />
    </section>
  );
}
