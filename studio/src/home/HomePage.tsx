/**
 * Where a user lands after signing in: the records they opened lately (kept on the server, so on every device),
 * their open tasks, the records they follow and what changed on them. Each card loads on its own; a card
 * with nothing to show says so.
 */
import { tessera } from '../api/tessera.js';
import type { ObjectSummary } from '../api/types.js';
import { useDescriptions, useLoad } from '../api/use-api.js';
import { formatDateTime, formatValue } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { RecordLink } from '../records/lookup.js';
import { PageHeader } from '../ui/index.js';
import { Loading } from './Loading.js';
import './home.css';
import { MyTasks } from './MyTasks.js';

export function HomePage({ objects }: { objects: readonly ObjectSummary[] }) {
  const { t, label, locale } = useI18n();
  const recent = useLoad(() => tessera.me.records('recent'), []);
  const followed = useLoad(() => tessera.me.records('follow'), []);
  const changes = useLoad(() => tessera.me.followedChanges(), []);
  const objectLabel = (name: string) => {
    const o = objects.find((x) => x.apiName === name);
    return o ? label(o.label, name) : name;
  };
  // Field labels and formats of the changed records' objects.
  const described = useDescriptions(changes.data?.map((c) => c.object) ?? []);
  const words = { yes: t('field.yes'), no: t('field.no') };
  const recordList = (list: typeof recent, empty: string) => (
    <Loading loaded={list.data !== undefined || list.error !== undefined}>
      {list.data?.length ? (
        <ul className="home-list">
          {list.data.map((r) => (
            <li key={`${r.object}:${r.id}`}>
              <RecordLink object={r.object} id={r.id}>
                {String(r.name ?? '') || r.id}
              </RecordLink>
              <span className="muted">{objectLabel(r.object)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </Loading>
  );
  return (
    <div className="home">
      <PageHeader title={t('nav.home')} />
      <div className="home-grid">
        <section className="card" aria-labelledby="home-recent">
          <h2 id="home-recent">{t('home.recent')}</h2>
          {recordList(recent, t('home.noRecent'))}
        </section>
        <MyTasks objects={objects} />
        <section className="card" aria-labelledby="home-followed">
          <h2 id="home-followed">{t('home.followed')}</h2>
          {recordList(followed, t('home.noFollowed'))}
        </section>
        <section className="card" aria-labelledby="home-changes">
          <h2 id="home-changes">{t('home.changes')}</h2>
          <Loading loaded={changes.data !== undefined || changes.error !== undefined}>
            {changes.data?.length ? (
              <ul className="home-list">
                {changes.data.map((c, i) => {
                  const prop = described?.get(c.object)?.document.properties[c.field];
                  const shown = (v: unknown) => formatValue(v, prop, locale, words) || '—';
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: two changes of a field may share an instant.
                    <li key={`${c.object}:${c.id}:${c.changedAt}:${c.field}:${i}`} className="home-change">
                      <RecordLink object={c.object} id={c.id}>
                        {String(c.name ?? '') || c.id}
                      </RecordLink>
                      <span>
                        {label(prop?.['x-tessera'].label, c.field)}: {shown(c.oldValue)} → {shown(c.newValue)}
                      </span>
                      <span className="muted">{formatDateTime(c.changedAt, locale)}</span>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="muted">{t('home.noChanges')}</p>
            )}
          </Loading>
        </section>
      </div>
    </div>
  );
}
