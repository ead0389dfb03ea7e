/**
 * A record's activity, newest first, in one table: its field changes (objects with field history) and the
 * tasks related to it (the activity object's records whose lookup names this record; see home/activities.ts).
 */
import type { ReactNode } from 'react';
import { tessera } from '../api/tessera.js';
import type { FieldChange, ObjectDescription, RecordData } from '../api/types.js';
import { describeShared, useLoad } from '../api/use-api.js';
import { ACTIVITY_OBJECT, activitiesOf, stateField } from '../home/activities.js';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { FieldValue } from './FieldValue.js';
import { RecordLink } from './lookup.js';

const TASKS_SHOWN = 20;

interface Props {
  description: ObjectDescription;
  id: string;
  /** The field changes: undefined while they load, empty without field history. */
  changes: readonly FieldChange[] | undefined;
  /** A change's row as the page shows it (lookups and users by name). */
  changeRow(change: FieldChange, index: number): ReactNode;
}

export function Timeline({ description, id, changes, changeRow }: Props) {
  const { t, locale } = useI18n();
  const tasks = useLoad(async () => {
    const activity = await describeShared(ACTIVITY_OBJECT);
    const filter =
      activity && activity.apiName !== description.apiName
        ? activitiesOf(activity, description.apiName, id)
        : undefined;
    if (!activity || !filter) return { activity: undefined, records: [] as RecordData[] };
    const page = await tessera
      .data(activity.apiName)
      .list({ filter, limit: TASKS_SHOWN, sort: '-created_at' });
    return { activity, records: page.data as RecordData[] };
  }, [description.apiName, id]);
  if (!changes || (!tasks.data && !tasks.error)) return null;
  const activity = tasks.data?.activity;
  const state = activity && stateField(activity);
  const rows: { at: string; row: ReactNode }[] = changes.map((c, i) => ({
    at: c.changedAt,
    row: changeRow(c, i),
  }));
  if (activity)
    for (const r of tasks.data?.records ?? [])
      rows.push({
        at: String(r.created_at ?? ''),
        row: (
          <tr key={`task-${r.id}`} data-task={r.id}>
            <td>{formatDateTime(String(r.created_at ?? ''), locale)}</td>
            <td colSpan={state ? 2 : 3}>
              <RecordLink object={activity.apiName} id={r.id}>
                {String(r[activity.nameField] ?? '') || r.id}
              </RecordLink>
            </td>
            {state && (
              <td>
                <FieldValue value={r[state]} prop={activity.document.properties[state]} />
              </td>
            )}
          </tr>
        ),
      });
  rows.sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="section history timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('record.timeline')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('record.noActivity')}</p>
      ) : (
        <table>
          <tbody>{rows.map((r) => r.row)}</tbody>
        </table>
      )}
    </section>
  );
}
