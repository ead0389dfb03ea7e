/**
 * Serving the app on Node. Shutdown is graceful: the listener closes and requests in flight finish; the
 * workspace stays open for its owner to close after.
 */
import type { Server } from 'node:http';
import { type AddressInfo, Server as NetServer } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.js';
import { answerClientErrors } from './http/client-errors.js';
import type { JobWorkersOptions } from './workspaces/job-workers.js';

export interface ServerOptions extends AppOptions {
  port: number;
  host: string;
  /**
   * The job workers that carry out automations' queued actions, one per open workspace: on unless `false`
   * (a test that drives its own worker under a test clock).
   */
  jobs?: Omit<JobWorkersOptions, 'log'> | false;
}

export interface RunningServer {
  url: string;
  /** Stops accepting connections and resolves when the requests in flight have finished. */
  close(): Promise<void>;
}

/** How long a shutdown waits for requests in flight before it closes their connections anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How long the listener stays open after shutdown begins, for connections already on their way in. */
const LATE_REQUEST_MS = 100;

interface InFlight {
  requests: number;
  closing: boolean;
  lastConnection: number;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  const running = await new Promise<RunningServer>((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
        options.log.info('listening', { url });
        resolve({
          url,
          close: async () => {
            await shutDown(server, inFlight, options);
            await options.workspaces.stopJobs();
          },
        });
      },
    ) as Server;
    answerClientErrors(server);
    const inFlight = { requests: 0, closing: false, lastConnection: 0 };
    server.on('connection', () => {
      inFlight.lastConnection = Date.now();
    });
    server.on('request', (_req, res) => {
      inFlight.requests++;
      // While shutting down, no connection is kept for a next request.
      if (inFlight.closing) res.setHeader('connection', 'close');
      res.once('close', () => inFlight.requests--);
    });
    server.once('error', reject);
  });
  if (options.jobs !== false) await options.workspaces.startJobs({ ...options.jobs, log: options.log });
  return running;
}

/**
 * Graceful, in three steps. Connections the kernel has accepted but Node has not yet picked up are reset when
 * the listening socket closes, so the listener stays open a moment longer to take in what was already sent.
 * Node's own `server.close()` would also drop connections whose request has arrived but is not read yet, so
 * only the listener is closed; requests in flight finish; then whatever is left is closed.
 */
async function shutDown(server: Server, inFlight: InFlight, options: ServerOptions) {
  inFlight.closing = true;
  // Open until no connection has come in for a moment: a busy event loop picks up its backlog late.
  const started = Date.now();
  const quiet = () => Date.now() - Math.max(inFlight.lastConnection, started) >= LATE_REQUEST_MS;
  while (!quiet()) await new Promise((r) => setTimeout(r, 10));
  const closed = new Promise<void>((done) => NetServer.prototype.close.call(server, () => done()));
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  while (inFlight.requests > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  server.closeAllConnections();
  await closed;
  options.log.info('stopped');
}
