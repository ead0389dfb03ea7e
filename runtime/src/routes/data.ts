/**
 * The data API: records of every object, generated from the metadata. Every call goes to the
 * caller's own record API, so the engine's access decides what each call may see and change.
 */
import type { BulkRequest, DuplicateWarning, Page, RecordApi } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { readJson, readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { etagOf, expectedVersion } from '../http/etag.js';
import { listOptions } from '../http/list-query.js';
import { localityOf } from '../http/locality.js';

const pageBody = (page: Page) => ({
  data: page.data,
  page: { nextCursor: page.nextCursor, ...(page.total !== undefined ? { total: page.total } : {}) },
});

/** `warnings` in an answer only when a `warn` duplicate rule had something to say. */
const withWarnings = (warnings: DuplicateWarning[]) => (warnings.length ? { warnings } : {});

const records = (c: Context<AppEnv>): RecordApi =>
  c.get('workspace').recordsFor(c.get('principal').subject, localityOf(c));

export function dataRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:object', async (c) =>
    c.json(pageBody(await records(c).page(c.req.param('object'), listOptions(c.req.query(), true)))),
  );

  app.post('/:object/query', async (c) => {
    const options = listOptions(await readJsonObject(c), false);
    return c.json(pageBody(await records(c).page(c.req.param('object'), options)));
  });

  app.post('/:object/bulk', async (c) => {
    const body = await readJsonObject(c);
    const warnings: DuplicateWarning[] = [];
    const results = await records(c).bulk(c.req.param('object'), body as unknown as BulkRequest, {
      warnings,
    });
    return c.json({ results, ...withWarnings(warnings) });
  });

  app.post('/:object', async (c) => {
    const warnings: DuplicateWarning[] = [];
    const record = await records(c).insert(c.req.param('object'), await readJson(c), { warnings });
    c.header('ETag', etagOf(record));
    c.header('Location', `${c.req.path}/${record.id}`);
    return c.json({ data: record, ...withWarnings(warnings) }, 201);
  });

  app.get('/:object/:id', async (c) => {
    // Most reads of one record have no query string: skip parsing one.
    const { fields, expand } = c.req.url.includes('?') ? listOptions(c.req.query(), true) : {};
    const record = await records(c).get(c.req.param('object'), c.req.param('id'), {
      ...(fields ? { fields } : {}),
      ...(expand ? { expand } : {}),
    });
    if (record.version !== undefined) c.header('ETag', etagOf(record));
    return c.json({ data: record });
  });

  app.patch('/:object/:id', async (c) => {
    const version = expectedVersion(c.req.header('if-match'));
    const warnings: DuplicateWarning[] = [];
    const record = await records(c).update(c.req.param('object'), c.req.param('id'), await readJson(c), {
      warnings,
      ...(version !== undefined ? { expectedVersion: version } : {}),
    });
    c.header('ETag', etagOf(record));
    return c.json({ data: record, ...withWarnings(warnings) });
  });

  app.delete('/:object/:id', async (c) => {
    await records(c).delete(c.req.param('object'), c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/:object/:id/history', async (c) =>
    c.json({ data: await records(c).history(c.req.param('object'), c.req.param('id')) }),
  );

  app.post('/:object/:id/owner', async (c) => {
    const record = await records(c).transfer(c.req.param('object'), c.req.param('id'), await readJson(c));
    c.header('ETag', etagOf(record));
    return c.json({ data: record });
  });

  app.get('/:object/:id/shares', async (c) =>
    c.json({ data: await records(c).shares(c.req.param('object'), c.req.param('id')) }),
  );

  app.post('/:object/:id/shares', async (c) => {
    const share = await records(c).share(c.req.param('object'), c.req.param('id'), await readJson(c));
    return c.json({ data: share }, 201);
  });

  app.delete('/:object/:id/shares/:share', async (c) => {
    await records(c).unshare(c.req.param('object'), c.req.param('id'), c.req.param('share'));
    return c.body(null, 204);
  });

  return app;
}
