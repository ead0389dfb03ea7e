/** A real server on an ephemeral loopback port, over a test workspace, and a tiny fetch helper for it. */
import { request } from 'node:http';
import type { Workspace } from '@tessera/engine';
import {
  hashToken,
  type Logger,
  type RunningServer,
  type ServerOptions,
  type StorageLocation,
  silentLogger,
  startServer,
  WorkspaceRegistry,
} from '../src/index.js';

export const TOKEN = 'test-admin-token';

export interface TestApi {
  server: RunningServer;
  /** A request with the platform admin's token, unless `headers` sets another authorization. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: responses are asserted field by field in tests.
  body: any;
}

/**
 * Serves `workspace` as the default one; with a `location`, other workspaces can be made there too. With
 * `trustProxy`, a test plays the proxy: `X-Forwarded-For` names the client's address. Logs go nowhere unless
 * a test passes a `log` to read them.
 */
export async function serveForTest(
  workspace: Workspace,
  location?: StorageLocation,
  studioDist?: string,
  {
    log = silentLogger,
    ...options
  }: {
    trustProxy?: boolean;
    log?: Logger;
    jobs?: ServerOptions['jobs'];
    imports?: ServerOptions['imports'];
  } = {},
): Promise<TestApi> {
  const workspaces = new WorkspaceRegistry('default', workspace, location);
  const server = await startServer({
    workspaces,
    adminTokenHash: hashToken(TOKEN),
    log,
    port: 0,
    host: '127.0.0.1',
    ...(studioDist ? { studioDist } : {}),
    ...options,
  });
  return {
    server: {
      url: server.url,
      close: async () => {
        await server.close();
        await workspaces.close();
      },
    },
    async call(method, path, body, headers = {}) {
      const all: Record<string, string> = {
        authorization: `Bearer ${TOKEN}`,
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      };
      // An empty authorization means none: the request goes with its cookie, or with nothing.
      if (all.authorization === '') delete all.authorization;
      const init: RequestInit = { method, headers: all };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(`${server.url}${path}`, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {}
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}

/**
 * POSTs a body with node:http and resolves on the response even if the server stops reading the body early
 * (as it should when the body is too large); fetch reports that as a failure instead.
 */
export function postOversized(
  url: string,
  body: string,
): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text, type: String(res.headers['content-type']) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
