/**
 * Serving the app on Node. Shutdown is graceful: the listener closes and requests in flight finish; the
 * workspace stays open for its owner to close after.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Workspace } from '@tessera/engine';
import { createApp } from './app.js';
import type { Logger } from './http/logger.js';

export interface ServerOptions {
  workspace: Workspace;
  adminTokenHash: Buffer;
  log: Logger;
  port: number;
  host: string;
}

export interface RunningServer {
  url: string;
  /** Stops accepting connections and resolves when the requests in flight have finished. */
  close(): Promise<void>;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
        options.log.info('listening', { url });
        resolve({
          url,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            await options.workspace.close();
            options.log.info('stopped');
          },
        });
      },
    );
    server.once('error', reject);
  });
}
