/**
 * `/list-views/mine`: the caller's own list views, which any user may keep (shared views are metadata, under
 * `/meta/list-views`, for those who manage it). Each is checked against what the caller may read; nobody reads
 * or changes another user's.
 */
import { PersonalListViews } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { accessOf } from '../auth/authorize.js';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { badRequest, HttpError, refuseUnknown } from '../http/http-error.js';

const LIST_PARAMETERS: ReadonlySet<string> = new Set(['object']);

function mine(c: Context<AppEnv>): PersonalListViews {
  const userId = c.get('principal').subject.userId;
  if (!userId)
    throw new HttpError(400, 'user_required', 'User required', 'personal list views belong to a user');
  return new PersonalListViews(c.get('workspace').storage.db, userId);
}

export function personalViewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/mine', async (c) => {
    const query = c.req.query();
    refuseUnknown(query, LIST_PARAMETERS);
    return c.json({ data: await mine(c).list(query.object) });
  });

  app.put('/mine/:name', async (c) => {
    const name = c.req.param('name');
    const doc = await readJsonObject(c);
    if (doc.apiName !== name)
      throw badRequest('name_mismatch', `apiName must be "${name}", as in the URL`, 'apiName', '/apiName');
    const { view, created } = await mine(c).put(doc, accessOf(c));
    return c.json({ data: view }, created ? 201 : 200);
  });

  app.delete('/mine/:name', async (c) => {
    await mine(c).delete(c.req.param('name'));
    return c.body(null, 204);
  });

  return app;
}
