/**
 * The request as its client made it. Behind a TLS-terminating proxy the server sees the proxy's address and
 * plain HTTP; with `TESSERA_TRUST_PROXY` set, the proxy's `X-Forwarded-For` (its last entry: the address the
 * proxy itself saw), `X-Forwarded-Proto` and `X-Forwarded-Host` say what the client used. Without it they are
 * ignored, since any client could send them.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

export interface ClientView {
  /** The client's address: what sign-in throttling counts by. */
  address: string;
  /** Whether the client reached us over HTTPS (then the session cookie is `Secure`). */
  https: boolean;
  /** Our origin as the client addressed it (`https://crm.example.com`): a page of ours sends this `Origin`. */
  origin: string;
}

const lastOf = (header: string | undefined) => header?.split(',').at(-1)?.trim() || undefined;
const firstOf = (header: string | undefined) => header?.split(',')[0]?.trim() || undefined;

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not on a Node socket (app.request in tests): one address for all.
    return 'unknown';
  }
}

export function clientView(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const proto = trustProxy ? firstOf(c.req.header('x-forwarded-proto')) : undefined;
    const https = proto ? proto.toLowerCase() === 'https' : url.protocol === 'https:';
    const host =
      (trustProxy && firstOf(c.req.header('x-forwarded-host'))) || c.req.header('host') || url.host;
    c.set('client', {
      address: (trustProxy && lastOf(c.req.header('x-forwarded-for'))) || socketAddress(c),
      https,
      origin: `${https ? 'https' : 'http'}://${host.toLowerCase()}`,
    });
    await next();
  };
}
