/**
 * A user's own notifications: newest first, with the count of unread ones, and marking them read. Nobody
 * reads or marks another user's: every call is by the caller's user id.
 */
import { TesseraError } from '../errors.js';
import { localize } from '../metadata/localized-text.js';
import { isoAt } from '../queue/clock.js';
import { NOTIFICATIONS, type NotificationRow } from '../queue/queue-tables.js';
import type { AnyDb } from '../storage/storage.js';

export interface Notification {
  id: string;
  title: string;
  body: string;
  object: string | null;
  recordId: string | null;
  automation: string | null;
  deliveryId: string;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  data: Notification[];
  unread: number;
  /** The id to pass as `before` for the next page, or null at the end. */
  nextBefore: string | null;
}

/** A stored text in the reader's language: rows keep every language the automation wrote. */
function inLocale(stored: string, locale: string): string {
  const texts = JSON.parse(stored) as Record<string, string>;
  return localize(texts, locale) ?? '';
}

const toNotification = (n: NotificationRow, locale: string): Notification => ({
  id: String(n.id),
  title: inLocale(n.title, locale),
  body: inLocale(n.body, locale),
  object: n.object,
  recordId: n.record_id === null ? null : String(n.record_id),
  automation: n.automation,
  deliveryId: String(n.delivery_id),
  read: n.read_at !== null,
  readAt: n.read_at,
  createdAt: n.created_at,
});

export class Notifications {
  constructor(
    private readonly db: AnyDb,
    private readonly userId: string,
    /** The language the texts are read in. */
    private readonly locale = 'en',
  ) {}

  async list(options: { limit: number; before?: string; unreadOnly?: boolean }): Promise<NotificationPage> {
    const rows = (await this.db
      .selectFrom(NOTIFICATIONS)
      .selectAll()
      .where('user_id', '=', this.userId)
      .$if(options.unreadOnly === true, (q) => q.where('read_at', 'is', null))
      .$if(options.before !== undefined, (q) => q.where('id', '<', options.before as string))
      .orderBy('id', 'desc')
      .limit(options.limit + 1)
      .execute()) as NotificationRow[];
    const unread = await this.db
      .selectFrom(NOTIFICATIONS)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', this.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const page = rows.slice(0, options.limit);
    return {
      data: page.map((n) => toNotification(n, this.locale)),
      unread: Number(unread.n),
      nextBefore: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** Marks one of the user's notifications read; another user's is not found. */
  async markRead(id: string, now: number): Promise<Notification> {
    await this.db
      .updateTable(NOTIFICATIONS)
      .set({ read_at: isoAt(now) })
      .where('id', '=', id)
      .where('user_id', '=', this.userId)
      .where('read_at', 'is', null)
      .execute();
    const row = (await this.db
      .selectFrom(NOTIFICATIONS)
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', this.userId)
      .executeTakeFirst()) as NotificationRow | undefined;
    if (!row) throw new TesseraError('unknown_notification', `you have no notification ${id}`);
    return toNotification(row, this.locale);
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(now: number): Promise<number> {
    const result = await this.db
      .updateTable(NOTIFICATIONS)
      .set({ read_at: isoAt(now) })
      .where('user_id', '=', this.userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
