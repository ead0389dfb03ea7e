/**
 * `/users`: the workspace's people, managed by those with the manageUsers permission, never beyond their own
 * access (the engine's `Access.requireWithin`). Changing your own password keeps the session you changed it in.
 */
import type { DirectoryQuery } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { requirePermission } from '../auth/authorize.js';
import { forgetFirstAdmin } from '../auth/principal.js';
import { readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';

const usersOf = (c: Context<AppEnv>) => c.get('workspace').usersFor(c.get('principal').subject);

export function userRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Anyone signed in may find people to put in a user field, and name the ones records hold: registered before
  // the manageUsers check below, it answers without reaching it.
  app.get('/lookup', async (c) => {
    const ids = c.req.query('ids');
    const limit = c.req.query('limit');
    const query: DirectoryQuery = {};
    const q = c.req.query('q');
    if (q !== undefined) query.q = q;
    if (ids !== undefined) query.ids = ids.split(',');
    if (limit !== undefined) query.limit = Number(limit);
    return c.json({ data: await usersOf(c).lookup(query) });
  });
  app.use('*', async (c, next) => {
    requirePermission(c, 'manageUsers');
    await next();
    // Who stands in for the platform admin may have changed (an admin made, deactivated or demoted).
    if (c.req.method !== 'GET') forgetFirstAdmin(c.get('workspace'));
  });

  app.get('/', async (c) => c.json({ data: await c.get('workspace').users.list() }));

  app.get('/:id', async (c) => c.json({ data: await c.get('workspace').users.get(c.req.param('id')) }));

  app.post('/', async (c) => {
    const ws = c.get('workspace');
    const user = await usersOf(c).create(await readJson(c), ws.model.documents);
    await ws.audit(c.get('principal').user?.id ?? null, 'user.created', {
      userId: user.id,
      email: user.email,
    });
    return c.json({ data: user }, 201);
  });

  app.patch('/:id', async (c) => {
    const ws = c.get('workspace');
    const body = await readJson(c);
    const id = c.req.param('id');
    const principal = c.get('principal');
    const session = principal.user?.id === id ? principal.session : undefined;
    const user = await usersOf(c).update(
      id,
      body,
      ws.model.documents,
      session ? { keepSession: session.id } : {},
    );
    await ws.audit(c.get('principal').user?.id ?? null, user.active ? 'user.updated' : 'user.deactivated', {
      userId: user.id,
      fields: Object.keys(body as object).filter((k) => k !== 'password'),
    });
    return c.json({ data: user });
  });

  return app;
}
