/**
 * Metadata history: every version with who made it, when and why; a readable diff of any two (document by
 * document, value by value); and restoring a version, reviewed as its migration plan first.
 */
import type { DocumentKind } from '@tessera/engine';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useLoad } from '../api/use-api.js';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { PlanReview, ValueChanges } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

interface VersionInfo {
  version: number;
  createdAt: string;
  author: string;
  message: string;
}

interface DocumentChange {
  kind: DocumentKind;
  name: string;
  change: 'added' | 'removed' | 'changed';
  changes: { pointer: string; before?: unknown; after?: unknown }[];
}

export function HistoryPage() {
  const { t, locale } = useI18n();
  const versions = useLoad(
    () => api<{ data: VersionInfo[] }>('GET', '/meta/versions').then((r) => r.data),
    [],
  );
  const [pair, setPair] = useState<[number, number] | null>(null);
  const diff = useLoad(
    () =>
      pair
        ? api<{ data: DocumentChange[] }>('GET', `/meta/versions/${pair[0]}/diff/${pair[1]}`).then(
            (r) => r.data,
          )
        : Promise.resolve(undefined),
    [pair?.[0], pair?.[1]],
  );
  const restore = useChange(() => versions.reload());

  return (
    <section>
      <h1>{t('admin.history')}</h1>
      <Refusal error={restore.refusal} />
      <PlanReview change={restore} />
      <table className="fields-table versions">
        <thead>
          <tr>
            <th>{t('admin.version')}</th>
            <th>{t('admin.when')}</th>
            <th>{t('admin.who')}</th>
            <th>{t('admin.what')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(versions.data ?? []).map((v, i, all) => (
            <tr key={v.version} data-version={v.version}>
              <td>{v.version}</td>
              <td>{formatDateTime(v.createdAt, locale)}</td>
              <td>{v.author}</td>
              <td>{v.message}</td>
              <td className="actions">
                {all[i + 1] && (
                  <button
                    type="button"
                    onClick={() => setPair([(all[i + 1] as VersionInfo).version, v.version])}
                  >
                    {t('admin.compare')}
                  </button>
                )}
                {i > 0 && (
                  <button
                    type="button"
                    onClick={() =>
                      restore.review({ method: 'POST', path: `/meta/versions/${v.version}/restore` })
                    }
                  >
                    {t('admin.restore')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair && diff.data && (
        <section className="section diff" aria-label={t('admin.compare')}>
          <h2>
            {pair[0]} → {pair[1]}
          </h2>
          {diff.data.map((d) => (
            <div key={`${d.kind}:${d.name}`} className={`diff-doc ${d.change}`}>
              <h3>
                {t(`diff.${d.change}`, { kind: t(`doc.${d.kind}`) })} <code>{d.name}</code>
              </h3>
              <ValueChanges changes={d.changes} />
            </div>
          ))}
        </section>
      )}
    </section>
  );
}
