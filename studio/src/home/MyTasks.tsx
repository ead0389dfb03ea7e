/** The home page's card of the user's open tasks (see activities.ts for which object and which are open). */

import { tessera } from '../api/tessera.js';
import type { ObjectSummary, RecordData } from '../api/types.js';
import { describeShared, useLoad } from '../api/use-api.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { FieldValue } from '../records/FieldValue.js';
import { expandedOf, expandOf, RecordLink } from '../records/lookup.js';
import { activityObject, myOpenActivities } from './activities.js';
import { Loading } from './Loading.js';

const SHOWN = 10;

export function MyTasks({ objects }: { objects: readonly ObjectSummary[] }) {
  const { t } = useI18n();
  const { me } = useSession();
  const activity = activityObject(objects);
  const userId = me?.user?.id;
  const tasks = useLoad(async () => {
    if (!activity || !userId) return undefined;
    const description = await describeShared(activity.apiName);
    if (!description) return undefined;
    const query = myOpenActivities(description, userId);
    const expand = expandOf(description.document.properties, query.columns);
    const page = await tessera.data(activity.apiName).list({
      filter: query.filter,
      limit: SHOWN,
      ...(query.sort ? { sort: query.sort } : {}),
      ...(expand ? { expand: expand.split(',') } : {}),
    });
    return { description, columns: query.columns, records: page.data as RecordData[] };
  }, [activity?.apiName, userId]);
  if (!activity) return null;
  const d = tasks.data?.description;
  return (
    <section className="card" aria-labelledby="home-tasks">
      <h2 id="home-tasks">{t('home.tasks')}</h2>
      <Loading loaded={tasks.data !== undefined || tasks.error !== undefined}>
        {d && tasks.data?.records.length ? (
          <ul className="home-list">
            {tasks.data.records.map((r) => {
              const id = r.id;
              return (
                <li key={id}>
                  <RecordLink object={activity.apiName} id={id}>
                    {String(r[d.nameField] ?? '') || id}
                  </RecordLink>
                  <span className="home-task-fields">
                    {tasks.data?.columns.map((c) => (
                      <span key={c}>
                        <FieldValue value={r[c]} prop={d.document.properties[c]} linked={expandedOf(r, c)} />
                      </span>
                    ))}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">{t('home.noTasks')}</p>
        )}
      </Loading>
    </section>
  );
}
