/**
 * `/search?q=&objects=&limit=`: records of every object the caller may read whose name or searchable fields
 * hold the words, grouped by object. The caller's own record API searches, so the engine's access decides
 * which objects, records and fields are matched and shown.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { refuseUnknown } from '../http/http-error.js';
import { localityOf } from '../http/locality.js';

const PARAMETERS = new Set(['q', 'objects', 'limit']);

export function searchRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const query = c.req.query();
    refuseUnknown(query, PARAMETERS);
    const records = c.get('workspace').recordsFor(c.get('principal').subject, localityOf(c));
    const groups = await records.search({
      q: query.q ?? '',
      ...(query.objects !== undefined ? { objects: query.objects.split(',').map((o) => o.trim()) } : {}),
      // Not a number: the engine refuses it with the rule for limits.
      ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}),
    });
    return c.json({ data: groups });
  });

  return app;
}
