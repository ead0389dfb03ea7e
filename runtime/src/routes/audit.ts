/** `GET /audit`: the workspace's audit log, newest first, for those who manage users. */
import { Hono } from 'hono';
import { requirePermission } from '../auth/authorize.js';
import type { AppEnv } from '../http/env.js';
import { badRequest } from '../http/http-error.js';

export function auditRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    requirePermission(c, 'manageUsers');
    const { limit, before } = c.req.query();
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500)
      throw badRequest('bad_limit', 'limit must be a whole number from 1 to 500', 'limit', '/limit');
    if (before !== undefined && !/^[0-9a-f-]{36}$/i.test(before))
      throw badRequest('bad_cursor', 'before must be the id of an audit entry', 'before', '/before');
    return c.json({ data: await c.get('workspace').auditLog({ limit: n, ...(before ? { before } : {}) }) });
  });
  return app;
}
