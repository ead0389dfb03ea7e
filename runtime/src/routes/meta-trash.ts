/**
 * `/meta/trash`: deleted objects and fields, restorable until purged. A purge drops their table or column for
 * good, so it is for workspace admins only (a manageMetadata permission is not enough), and `?dryRun=true`
 * answers what would go without changing anything.
 */
import type { PurgeResult } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { accessOf } from '../auth/authorize.js';
import { authorOf } from '../auth/principal.js';
import type { AppEnv } from '../http/env.js';

function purgeOptions(c: Context<AppEnv>) {
  return { dryRun: c.req.query('dryRun') === 'true', author: authorOf(c.get('principal')) };
}

function purgeBody(c: Context<AppEnv>, result: PurgeResult) {
  c.header('ETag', `"${result.version}"`);
  return c.json({ data: result.purged, meta: { version: result.version, applied: result.applied } });
}

export function trashRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    accessOf(c).requireAdmin('see or purge the trash');
    await next();
  });

  app.get('/', async (c) => c.json({ data: await c.get('workspace').trash() }));

  /** Purges a deleted object (by API name or id; the latest deletion of a name) with its deleted fields. */
  app.delete('/objects/:object', async (c) =>
    purgeBody(c, await c.get('workspace').purgeObject(c.req.param('object'), purgeOptions(c))),
  );

  /** Purges a deleted field (by API name or id) of an existing object. */
  app.delete('/objects/:object/fields/:field', async (c) =>
    purgeBody(
      c,
      await c.get('workspace').purgeField(c.req.param('object'), c.req.param('field'), purgeOptions(c)),
    ),
  );

  return app;
}
