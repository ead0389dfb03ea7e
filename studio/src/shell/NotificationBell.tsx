/**
 * The bell in the header: the user's own notifications, with how many are unread. Read again every half minute
 * and whenever the page changes; a notification opens its record and is marked read; all can be marked read.
 */
import type { Notification, NotificationList } from '@tessera/client';
import { Bell } from 'lucide-react';
import { useEffect, useState } from 'react';
import { tessera } from '../api/tessera.js';
import { navigate, pathOf, useRoute } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';

const EVERY_MS = 30_000;

export function NotificationBell() {
  const { t, locale } = useI18n();
  // The page by its path (a route is a new object every render; the path changes only with the page).
  const path = pathOf(useRoute());
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again on every page change and every round.
  useEffect(() => {
    let live = true;
    const load = () =>
      tessera.notifications.list({ limit: 20 }).then(
        (answer) => live && setList(answer),
        // Where there are no notifications to give, the bell stays away.
        () => live && setList(null),
      );
    load();
    const timer = setInterval(load, EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [path, round]);
  if (!list) return null;
  const reload = () => setRound((r) => r + 1);
  const openOne = async (n: Notification) => {
    if (!n.readAt) await tessera.notifications.read(n.id).catch(() => undefined);
    setOpen(false);
    reload();
    if (n.object && n.recordId) navigate({ page: 'record', object: n.object, id: n.recordId });
  };
  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={t('bell.label', { count: list.unread })}
        onClick={() => setOpen(!open)}
      >
        <Bell size={20} aria-hidden="true" />
        {list.unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {list.unread > 99 ? '99+' : list.unread}
          </span>
        )}
      </button>
      {open && (
        <section className="bell-panel" aria-label={t('bell.title')}>
          <div className="bell-head">
            <h2>{t('bell.title')}</h2>
            {list.unread > 0 && (
              <button type="button" onClick={() => tessera.notifications.readAll().then(reload, reload)}>
                {t('bell.readAll')}
              </button>
            )}
          </div>
          {list.data.length === 0 && <p className="muted">{t('bell.none')}</p>}
          <ul className="bell-list">
            {list.data.map((n) => (
              <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-notification={n.id}>
                <button type="button" className="bell-item" onClick={() => openOne(n)}>
                  <strong>{n.title}</strong>
                  {n.body && n.body !== n.title && <span>{n.body}</span>}
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
