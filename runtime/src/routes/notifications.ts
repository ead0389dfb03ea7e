/**
 * `/notifications`: the caller's own notifications (what automations told them), newest first, with the
 * count of unread ones; marking one or all read. Nobody reaches another user's.
 */
import { Notifications, TesseraError } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { badRequest, HttpError, refuseUnknown } from '../http/http-error.js';
import { localityOf } from '../http/locality.js';

const PARAMETERS = new Set(['limit', 'cursor', 'unread']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function mine(c: Context<AppEnv>): Notifications {
  // The platform admin's token acts as the workspace's first admin, and sees that user's notifications.
  const userId = c.get('principal').subject.userId;
  if (!userId)
    throw new HttpError(
      400,
      'user_required',
      'User required',
      'notifications belong to a user; this workspace has none to act as',
    );
  return new Notifications(c.get('workspace').storage.db, userId, localityOf(c).locale);
}

export function notificationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const query = c.req.query();
    refuseUnknown(query, PARAMETERS);
    const n = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
      throw badRequest('bad_limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit', '/limit');
    if (query.cursor !== undefined && !UUID.test(query.cursor))
      throw badRequest('bad_cursor', 'cursor must be a nextCursor this API gave out', 'cursor', '/cursor');
    if (query.unread !== undefined && query.unread !== 'true' && query.unread !== 'false')
      throw badRequest('bad_parameter', 'unread must be true or false', 'unread', '/unread');
    const page = await mine(c).list({
      limit: n,
      unreadOnly: query.unread === 'true',
      ...(query.cursor ? { before: query.cursor } : {}),
    });
    return c.json({ data: page.data, unread: page.unread, page: { nextCursor: page.nextBefore } });
  });

  app.post('/read-all', async (c) => c.json({ data: { marked: await mine(c).markAllRead(Date.now()) } }));

  app.post('/:id/read', async (c) => {
    const id = c.req.param('id');
    const notifications = mine(c);
    if (!UUID.test(id)) throw new TesseraError('unknown_notification', `you have no notification ${id}`);
    return c.json({ data: await notifications.markRead(id, Date.now()) });
  });

  return app;
}
