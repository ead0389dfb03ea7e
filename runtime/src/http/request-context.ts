/**
 * Request id (from `X-Request-Id` when it is sane, else new) and one access-log line per request: at debug, so a
 * terminal is not flooded with requests that went well (`LOG_LEVEL=debug` lists them); answers the server
 * failed to give (5xx) at error.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import type { Logger } from './logger.js';

const SANE_ID = /^[\w.:-]{1,64}$/;
/** Ids unique across restarts and processes (a random prefix) and cheap per request (a counter). */
const PREFIX = randomUUID().slice(0, 8);
let counter = 0;

export function requestContext(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && SANE_ID.test(given) ? given : `${PREFIX}-${(++counter).toString(36)}`;
    const requestLog = log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', requestLog);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const level = c.res.status >= 500 ? 'error' : 'debug';
    requestLog[level]('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
