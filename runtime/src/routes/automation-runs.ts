/**
 * `/automation-runs`: what automations did, newest first (or failures first), with each queued action's
 * attempts; and retrying the dead ones. A user sees the runs of records they can read (admins every run); a
 * retry also needs the right to edit the run's object.
 */
import { getRun, listRuns, type RunStatus, retryDead, TesseraError } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { accessOf } from '../auth/authorize.js';
import type { AppEnv } from '../http/env.js';
import { badRequest, refuseUnknown } from '../http/http-error.js';

const STATUSES: readonly RunStatus[] = ['pending', 'done', 'failed', 'dead'];
const PARAMETERS = new Set(['automation', 'object', 'record', 'status', 'limit', 'cursor', 'failuresFirst']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function listOptions(query: Record<string, string>) {
  refuseUnknown(query, PARAMETERS);
  const { automation, object, record, status, limit, cursor, failuresFirst } = query;
  if (record !== undefined && !UUID.test(record))
    throw badRequest('bad_parameter', 'record must be a record id (a UUID)', 'record', '/record');
  if (status !== undefined && !STATUSES.includes(status as RunStatus))
    throw badRequest('bad_parameter', `status must be one of ${STATUSES.join(', ')}`, 'status', '/status');
  if (failuresFirst !== undefined && failuresFirst !== 'true' && failuresFirst !== 'false')
    throw badRequest(
      'bad_parameter',
      'failuresFirst must be true or false',
      'failuresFirst',
      '/failuresFirst',
    );
  const n = limit === undefined ? DEFAULT_LIMIT : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw badRequest('bad_limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit', '/limit');
  return {
    limit: n,
    failuresFirst: failuresFirst === 'true',
    ...(automation !== undefined ? { automation } : {}),
    ...(object !== undefined ? { object } : {}),
    ...(record !== undefined ? { record } : {}),
    ...(status !== undefined ? { status: status as RunStatus } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  };
}

/** The run, if the caller may see it; an id that is not one is simply not found. */
function visibleRun(c: Context<AppEnv>) {
  const id = c.req.param('id') as string;
  if (!UUID.test(id))
    throw new TesseraError('unknown_automation_run', `no automation run ${id} that you can see`);
  return getRun(c.get('workspace').storage.db, accessOf(c), id);
}

export function automationRunRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const page = await listRuns(c.get('workspace').storage.db, accessOf(c), listOptions(c.req.query()));
    return c.json({ data: page.data, page: { nextCursor: page.nextCursor } });
  });

  app.get('/:id', async (c) => c.json({ data: await visibleRun(c) }));

  app.post('/:id/retry', async (c) => {
    const run = await visibleRun(c);
    const access = accessOf(c);
    if (!access.grant.admin && !access.can('edit', run.object))
      throw new TesseraError('forbidden', `retrying a run needs the right to edit ${run.object} records`);
    const ws = c.get('workspace');
    if (!(await retryDead(ws.storage, run.id, Date.now())))
      throw new TesseraError(
        'nothing_to_retry',
        `run ${run.id} has no dead action to retry (it is ${run.status})`,
      );
    return c.json({ data: await visibleRun(c) });
  });

  return app;
}
