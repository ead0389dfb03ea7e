/**
 * `/tokens`: API tokens. Anyone makes, lists and revokes their own; making one for another user, or seeing
 * and revoking everyone's, needs manageUsers, and a token is made only for a user within the maker's own access.
 * The token itself is in the answer to its creation only.
 */
import { TesseraError, type TokenInfo } from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { accessOf } from '../auth/authorize.js';
import { apiToken } from '../auth/tokens.js';
import { readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { HttpError } from '../http/http-error.js';

const managesUsers = (c: Context<AppEnv>) => accessOf(c).hasSystem('manageUsers');

/** The caller's own user id; the platform admin has none and acts through the users it manages. */
function callerId(c: Context<AppEnv>): string {
  const id = c.get('principal').user?.id;
  if (!id)
    throw new HttpError(
      400,
      'user_required',
      'User required',
      'the platform admin makes tokens for a user: send userId',
    );
  return id;
}

export function tokenRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const ws = c.get('workspace');
    const body = (await readJson(c)) as { userId?: unknown };
    const forOther = body?.userId !== undefined && body.userId !== c.get('principal').user?.id;
    if (forOther && !managesUsers(c))
      throw new TesseraError('forbidden', 'making a token for another user needs the manageUsers permission');
    const made = await ws.tokensFor(c.get('principal').subject).create(body, forOther ? '' : callerId(c));
    await ws.audit(c.get('principal').user?.id ?? null, 'token.created', {
      tokenId: made.token.id,
      userId: made.token.userId,
    });
    return c.json(
      { data: { ...made.token, token: apiToken(c.get('principal').workspace, made.secret) } },
      201,
    );
  });

  app.get('/', async (c) => {
    const tokens = c.get('workspace').tokens;
    return c.json({ data: await tokens.list(managesUsers(c) ? undefined : callerId(c)) });
  });

  app.delete('/:id', async (c) => {
    const ws = c.get('workspace');
    const token: TokenInfo = await ws.tokens.get(c.req.param('id'));
    // Another user's token is not found for someone who may not manage users.
    if (token.userId !== c.get('principal').user?.id && !managesUsers(c))
      throw new TesseraError('unknown_token', `there is no token ${token.id}`);
    await ws.tokensFor(c.get('principal').subject).revoke(token.id);
    await ws.audit(c.get('principal').user?.id ?? null, 'token.revoked', { tokenId: token.id });
    return c.body(null, 204);
  });

  return app;
}
