/**
 * `/me/records/{kind}`: the caller's own lists of records — `recent` (what they opened lately; the studio adds
 * a record when it is opened) and `follow` — and `/me/followed-changes`, what changed on the followed ones.
 * Each user reaches only their own lists, and sees only records they may still read.
 */
import { isUserRecordKind, USER_RECORD_KINDS, type UserRecordKind } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { localityOf } from '../http/locality.js';

function mine(c: Context<AppEnv>) {
  const subject = c.get('principal').subject;
  const userId = subject.userId;
  if (!userId)
    throw new HttpError(
      400,
      'user_required',
      'User required',
      'lists of records belong to a user; this workspace has none to act as',
    );
  return c.get('workspace').userRecordsFor({ ...subject, userId }, localityOf(c));
}

function kindOf(c: Context<AppEnv>): UserRecordKind {
  const kind = c.req.param('kind') ?? '';
  if (!isUserRecordKind(kind))
    throw badRequest(
      'bad_parameter',
      `"${kind}" is not a list of records: use one of ${USER_RECORD_KINDS.join(', ')}`,
      'kind',
      '/kind',
    );
  return kind;
}

export function userRecordRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/followed-changes', async (c) => c.json({ data: await mine(c).followedChanges() }));

  app.get('/records/:kind', async (c) => c.json({ data: await mine(c).list(kindOf(c)) }));

  app.get('/records/:kind/:object/:id', async (c) => {
    const listed = await mine(c).has(kindOf(c), c.req.param('object'), c.req.param('id'));
    return c.json({ data: { listed } });
  });

  app.put('/records/:kind/:object/:id', async (c) =>
    c.json({ data: await mine(c).add(kindOf(c), c.req.param('object'), c.req.param('id')) }),
  );

  app.delete('/records/:kind/:object/:id', async (c) => {
    await mine(c).remove(kindOf(c), c.req.param('object'), c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
