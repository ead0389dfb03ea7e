/**
 * `GET /data/{object}/export?format=csv|xlsx&filter=&sort=&fields=`: every record of the list query the
 * caller may read, as a file download streamed while it is read (see the engine's exports/). The query is
 * checked and the first page read before the answer starts, so a bad request still gets its problem document.
 */
import { PassThrough, Readable } from 'node:stream';
import { checkFormat, prepareExport } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { refuseUnknown } from '../http/http-error.js';
import { listOptions } from '../http/list-query.js';
import { localityOf } from '../http/locality.js';

/** The list query's parameters an export takes; paging (`limit`, `cursor`) is the export's own business. */
const LIST_PARAMETERS = new Set(['filter', 'sort', 'fields']);

function exportQuery(c: Context<AppEnv>) {
  const { format = 'csv', ...rest } = c.req.query();
  refuseUnknown(rest, LIST_PARAMETERS);
  const { filter, sort, fields } = listOptions(rest, true);
  return {
    format: checkFormat(format),
    ...(filter !== undefined ? { filter } : {}),
    ...(typeof sort === 'string' ? { sort } : {}),
    ...(fields !== undefined ? { fields } : {}),
  };
}

export function exportRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:object/export', async (c) => {
    const ws = c.get('workspace');
    const subject = c.get('principal').subject;
    const prepared = await prepareExport(
      { access: ws.accessFor(subject), records: ws.recordsFor(subject, localityOf(c)) },
      c.req.param('object'),
      exportQuery(c),
    );
    const out = new PassThrough();
    // Once the answer has started, a failure can only cut the download short: it is logged.
    prepared.writeTo(out).catch((error: Error) => {
      if (!out.destroyed) c.get('log').error('export failed', { error: error.stack ?? String(error) });
      out.destroy(error);
    });
    return c.body(Readable.toWeb(out) as ReadableStream, 200, {
      'content-type': prepared.contentType,
      'content-disposition': `attachment; filename="${prepared.fileName}"`,
      'cache-control': 'no-store',
    });
  });
  return app;
}
