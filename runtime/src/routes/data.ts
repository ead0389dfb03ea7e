/** The data API of CONTRACT §4: records of every object, generated from the metadata. */
import type { BulkRequest, Page } from '@tessera/engine';
import { Hono } from 'hono';
import { authorize } from '../auth/authorize.js';
import { readJson, readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { etagOf, expectedVersion } from '../http/etag.js';
import { listOptions } from '../http/list-query.js';

const pageBody = (page: Page) => ({
  data: page.data,
  page: { nextCursor: page.nextCursor, ...(page.total !== undefined ? { total: page.total } : {}) },
});

export function dataRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:object', async (c) => {
    const object = c.req.param('object');
    authorize(c.get('principal'), 'read', { object });
    return c.json(pageBody(await c.get('workspace').records.page(object, listOptions(c.req.query(), true))));
  });

  app.post('/:object/query', async (c) => {
    const object = c.req.param('object');
    authorize(c.get('principal'), 'read', { object });
    const options = listOptions(await readJsonObject(c), false);
    return c.json(pageBody(await c.get('workspace').records.page(object, options)));
  });

  app.post('/:object/bulk', async (c) => {
    const object = c.req.param('object');
    const principal = c.get('principal');
    const body = await readJsonObject(c);
    // A bulk upsert both creates and edits: it needs both permissions.
    for (const action of body.operation === 'update'
      ? (['edit'] as const)
      : body.operation === 'create'
        ? (['create'] as const)
        : (['create', 'edit'] as const))
      authorize(principal, action, { object });
    const results = await c
      .get('workspace')
      .records.bulk(object, body as unknown as BulkRequest, { userId: principal.userId });
    return c.json({ results });
  });

  app.post('/:object', async (c) => {
    const object = c.req.param('object');
    const principal = c.get('principal');
    authorize(principal, 'create', { object });
    const record = await c
      .get('workspace')
      .records.insert(object, await readJson(c), { userId: principal.userId });
    c.header('ETag', etagOf(record));
    c.header('Location', `${c.req.path}/${record.id}`);
    return c.json({ data: record }, 201);
  });

  app.get('/:object/:id', async (c) => {
    const object = c.req.param('object');
    authorize(c.get('principal'), 'read', { object });
    // Most reads of one record have no query string: skip parsing one.
    const { fields, expand } = c.req.url.includes('?') ? listOptions(c.req.query(), true) : {};
    const record = await c.get('workspace').records.get(object, c.req.param('id'), {
      ...(fields ? { fields } : {}),
      ...(expand ? { expand } : {}),
    });
    if (record.version !== undefined) c.header('ETag', etagOf(record));
    return c.json({ data: record });
  });

  app.patch('/:object/:id', async (c) => {
    const object = c.req.param('object');
    const principal = c.get('principal');
    authorize(principal, 'edit', { object });
    const version = expectedVersion(c.req.header('if-match'));
    const record = await c.get('workspace').records.update(object, c.req.param('id'), await readJson(c), {
      userId: principal.userId,
      ...(version !== undefined ? { expectedVersion: version } : {}),
    });
    c.header('ETag', etagOf(record));
    return c.json({ data: record });
  });

  app.delete('/:object/:id', async (c) => {
    const object = c.req.param('object');
    authorize(c.get('principal'), 'delete', { object });
    await c.get('workspace').records.delete(object, c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
