/**
 * The studio at `/`: its built files (`studio/dist`, made by `pnpm --filter @tessera/studio build`), and its one
 * page for every other path, so a link into the app (`/o/account/…`) opens it. Only files the build made are
 * served (listed once, at start), so no path reaches anything else on disk. Hashed assets are cached for good;
 * the page never, so a new build is picked up at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';

export const STUDIO_DIST = fileURLToPath(new URL('../../../studio/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Scripts only from here, never inline; React sets element styles, so inline style attributes are allowed.
 * 'unsafe-eval' is a decision, not an oversight: forms validate in the browser with the server's own record
 * schemas and the same configured Ajv, which compiles validators with `new Function`. It adds no way in — only
 * this origin's scripts run, and no inline ones — while Ajv's standalone code cannot carry our decimal
 * `multipleOf` keyword, and an interpreting validator would be a second implementation of the rules to keep in
 * step with the server's.
 */
const PAGE_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tessera</title>
<p style="font:16px system-ui;padding:24px">The studio is not built yet: run <code>pnpm --filter @tessera/studio build</code> (the API is at <a href="/docs">/docs</a>).</p>`;

export function studioRoutes(dist: string = STUDIO_DIST): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const assetsDir = join(dist, 'assets');
  const assets = new Map<string, Buffer>(
    existsSync(assetsDir)
      ? readdirSync(assetsDir)
          .filter((name) => TYPES[extname(name)])
          .map((name) => [name, readFileSync(join(assetsDir, name))])
      : [],
  );
  const page = existsSync(join(dist, 'index.html'))
    ? readFileSync(join(dist, 'index.html'), 'utf8')
    : undefined;

  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    const body = assets.get(file);
    if (!body) return c.text('not found', 404);
    c.header('Content-Type', TYPES[extname(file)] as string);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(new Uint8Array(body));
  });

  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', PAGE_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(page ?? NOT_BUILT, page ? 200 : 503);
  });
  return app;
}
