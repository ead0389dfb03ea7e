/**
 * A list view as a month calendar by a date or date-time field: each record on its day — a date-time's day in the
 * user's time zone, a date's own day — the month's records loaded with the view's filter.
 */
import { useState } from 'react';
import { timeZone } from '../api/client.js';
import { tessera } from '../api/tessera.js';
import type { ObjectDescription, RecordData } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { useI18n } from '../i18n/i18n.js';
import { dayKey, gridFilter, type Month, monthGrid, monthOf, shiftMonth } from './calendar-days.js';
import { RecordLink } from './lookup.js';

/** More than a month of anyone's records is not a calendar any more: the first this many show. */
const MONTH_LIMIT = 500;

interface Props {
  description: ObjectDescription;
  field: string;
  /** The view's and the user's filter, met as well. */
  filter: Record<string, unknown> | undefined;
}

export function CalendarView({ description, field, filter }: Props) {
  const { t, locale } = useI18n();
  const role = description.viewRoles[field];
  const zone = timeZone();
  const [month, setMonth] = useState<Month>(() =>
    monthOf(dayKey(new Date().toISOString(), 'instant', zone) ?? ''),
  );
  const weeks = monthGrid(month);
  const records = useLoad(async () => {
    if (!role) return [];
    const range = gridFilter(field, weeks, role);
    const page = await tessera.data(description.apiName).list({
      filter: filter ? { and: [filter, range] } : range,
      sort: field,
      limit: MONTH_LIMIT,
    });
    return page.data;
  }, [description.apiName, field, month, JSON.stringify(filter)]);
  if (!role) return null;

  const byDay = new Map<string, RecordData[]>();
  for (const record of records.data ?? []) {
    const day = dayKey(record[field], role, zone);
    if (day) byDay.set(day, [...(byDay.get(day) ?? []), record]);
  }
  const [y, m] = month.split('-').map(Number) as [number, number];
  const title = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone });

  return (
    <section className="calendar-view" aria-label={title}>
      <div className="calendar-view__bar">
        <button
          type="button"
          className="ui-button ui-button--secondary ui-button--sm"
          onClick={() => setMonth(shiftMonth(month, -1))}
        >
          {t('calendar.previous')}
        </button>
        <h2 className="calendar-view__title">{title}</h2>
        <button
          type="button"
          className="ui-button ui-button--secondary ui-button--sm"
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          {t('calendar.next')}
        </button>
      </div>
      {records.error && (
        <p className="form-error" role="alert">
          {t('error.generic', { message: records.error.message })}
        </p>
      )}
      <table className="calendar-grid">
        <thead>
          <tr>
            {weeks[0]?.map((day) => (
              <th key={day} scope="col">
                {weekday.format(new Date(`${day}T00:00:00Z`))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => (
                <td
                  key={day}
                  data-day={day}
                  className={monthOf(day) === month ? undefined : 'calendar-grid__other'}
                >
                  <span className="calendar-grid__date">{Number(day.slice(8))}</span>
                  {(byDay.get(day) ?? []).map((record) => (
                    <span key={record.id} className="calendar-grid__item" data-id={record.id}>
                      {role === 'instant' && (
                        <span className="calendar-grid__time">
                          {time.format(new Date(String(record[field])))}
                        </span>
                      )}{' '}
                      <RecordLink object={description.apiName} id={record.id}>
                        {String(record[description.nameField] ?? '') || record.id}
                      </RecordLink>
                    </span>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
