/**
 * The HTTP application: middleware in the order a request meets it (request id and log, size limit,
 * authentication, the workspace), then the routes. Every answer that is not a success is a problem document.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from './auth/authenticate.js';
import { MAX_BODY_BYTES, MAX_PACKAGE_BYTES, maxBodyBytes } from './http/body.js';
import { clientView } from './http/client-view.js';
import type { AppEnv } from './http/env.js';
import { onError, problemResponse } from './http/errors.js';
import type { Logger } from './http/logger.js';
import { problem } from './http/problem.js';
import { requestContext } from './http/request-context.js';
import { maxUploadBytes, type UploadLimits } from './http/upload.js';
import { auditRoutes } from './routes/audit.js';
import { meRoutes, signInRoutes } from './routes/auth.js';
import { automationRunRoutes } from './routes/automation-runs.js';
import { dataRoutes } from './routes/data.js';
import { describeRoutes } from './routes/describe.js';
import { docsRoutes } from './routes/docs.js';
import { exportRoutes } from './routes/export.js';
import { importRoutes } from './routes/imports.js';
import { metaRoutes } from './routes/meta.js';
import { notificationRoutes } from './routes/notifications.js';
import { personalViewRoutes } from './routes/personal-views.js';
import { searchRoutes } from './routes/search.js';
import { studioRoutes } from './routes/studio.js';
import { systemRoutes } from './routes/system.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRecordRoutes } from './routes/user-records.js';
import { userRoutes } from './routes/users.js';
import { workspaceRoutes } from './routes/workspaces.js';
import type { WorkspaceRegistry } from './workspaces/registry.js';

export interface AppOptions {
  workspaces: WorkspaceRegistry;
  /** SHA-256 of the platform admin token. */
  adminTokenHash: Buffer;
  log: Logger;
  /** Where the studio's build is (`studio/dist` when absent). */
  studioDist?: string;
  /**
   * A TLS-terminating proxy is in front (`TESSERA_TRUST_PROXY`): its `X-Forwarded-For`, `-Proto` and `-Host`
   * say who the client is and how it came.
   */
  trustProxy?: boolean;
  /** Uploaded import files: where they are kept until their import ends, and how large they may be. */
  imports?: Partial<UploadLimits>;
}

export const API_BASE = '/api/v1';

const tooLarge = (c: Context) =>
  problemResponse(
    c,
    problem(
      413,
      'body_too_large',
      'Body too large',
      `a request body may have at most ${maxBodyBytes(c.req.method, c.req.path)} bytes`,
    ),
  );

/**
 * Bodies over the limit are refused. A declared Content-Length is checked at once; only a body without one
 * (chunked) is counted as it streams, since wrapping every body in a counting stream costs a good share of a
 * small request.
 */
function sizeLimit(): MiddlewareHandler<AppEnv> {
  const streaming = new Map(
    [MAX_BODY_BYTES, MAX_PACKAGE_BYTES].map((max) => [max, bodyLimit({ maxSize: max, onError: tooLarge })]),
  );
  return async (c, next) => {
    // Import uploads have a cap of their own, which the imports routes keep as the file streams to disk.
    if (isUpload(c.req.method, c.req.path)) return next();
    const declared = c.req.header('content-length');
    // Without either header a request has no body (and asking the stream would build a whole Request).
    if (declared === undefined && c.req.header('transfer-encoding') === undefined) return next();
    const max = maxBodyBytes(c.req.method, c.req.path);
    if (declared === undefined) return (streaming.get(max) as MiddlewareHandler)(c, next);
    if (Number(declared) > max) return tooLarge(c);
    await next();
  };
}

const isUpload = (method: string, path: string) =>
  method === 'POST' && /^\/api\/v1\/imports(\/preview)?\/?$/.test(path);

/** Uploads go under the system's temporary folder unless the server says where (`tessera start`: the data dir). */
function uploadLimits(options: Partial<UploadLimits> = {}): UploadLimits {
  return {
    dir: options.dir ?? join(tmpdir(), 'tessera-imports'),
    maxBytes: options.maxBytes ?? maxUploadBytes(process.env),
  };
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) =>
    problemResponse(c, problem(404, 'not_found', 'Not found', `no route ${c.req.method} ${c.req.path}`)),
  );
  app.use('*', requestContext(options.log));
  app.use('*', clientView(options.trustProxy === true));
  app.use('*', sizeLimit());
  app.get(`${API_BASE}/health`, (c) => c.json({ status: 'ok' }));
  app.route('/docs', docsRoutes());
  app.route(`${API_BASE}/auth`, signInRoutes(options.workspaces));

  const api = new Hono<AppEnv>();
  api.use('*', authenticate(options.workspaces, options.adminTokenHash));
  api.route('/', systemRoutes());
  api.route('/auth', meRoutes());
  api.route('/describe', describeRoutes());
  // Before the data routes, whose `/{object}/{id}` would take `/{object}/export`.
  api.route('/data', exportRoutes());
  api.route('/data', dataRoutes());
  api.route('/meta', metaRoutes());
  api.route('/users', userRoutes());
  api.route('/tokens', tokenRoutes());
  api.route('/audit', auditRoutes());
  api.route('/automation-runs', automationRunRoutes());
  api.route('/imports', importRoutes(uploadLimits(options.imports)));
  api.route('/notifications', notificationRoutes());
  api.route('/me', userRecordRoutes());
  api.route('/search', searchRoutes());
  api.route('/list-views', personalViewRoutes());
  api.route('/workspaces', workspaceRoutes(options.workspaces));
  app.route(API_BASE, api);
  // Last: every other GET is a page of the studio.
  app.route('/', studioRoutes(options.studioDist));
  return app;
}
