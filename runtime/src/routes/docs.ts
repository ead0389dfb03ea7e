/**
 * `/docs`: the interactive API reference (Scalar, which reads OpenAPI 3.1 as we write it), served from the
 * @scalar/api-reference package's bundled standalone script: no CDN, no web fonts, no telemetry, so it works
 * offline. The page itself is public; it shows the caller's own OpenAPI document — a signed-in studio user's
 * through their session, anyone else's through an API token they enter.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';

const STANDALONE = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
const HERE = fileURLToPath(new URL('./docs-page/', import.meta.url));
/** Only these files are served, so no path can reach anything else on disk. */
const ASSETS: Record<string, { path: string; type: string }> = {
  'standalone.js': { path: STANDALONE, type: 'text/javascript; charset=utf-8' },
  'docs.js': { path: join(HERE, 'docs.js'), type: 'text/javascript; charset=utf-8' },
};

/**
 * Scripts only from here, never inline. Scalar styles its elements at run time (inline styles allowed) and
 * shows images of responses as data: and blob: URLs; requests go to this server only.
 */
const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tessera API</title>
  <style>
    body { margin: 0; font: 14px system-ui, sans-serif; }
    #bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 20px;
      background: #f4f5f7; border-bottom: 1px solid #dde1e6; }
    [hidden] { display: none !important; }
    #bar form { display: flex; gap: 8px; align-items: center; }
    #bar input { width: 24rem; max-width: 60vw; }
    #bar a { margin-left: auto; }
  </style>
</head>
<body>
  <div id="bar">
    <span id="status" role="status">Loading…</span>
    <form id="token" hidden><label for="t">API token</label>
      <input id="t" name="t" type="password" autocomplete="off" placeholder="tsr_…"><button>Use</button></form>
    <button id="forget" type="button" hidden>Forget the token</button>
    <a href="/">Studio</a>
  </div>
  <div id="ui"></div>
  <script src="/docs/assets/standalone.js"></script>
  <script src="/docs/assets/docs.js"></script>
</body>
</html>`;

export function docsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The reference's script is 3.5 MB, 1 MB gzipped: read and compressed once, on first request.
  const cache = new Map<string, { plain: Buffer; gzipped: Buffer }>();
  app.get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-cache');
    return c.html(PAGE);
  });
  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    // Only the listed files: `constructor` is no asset, though ASSETS inherits one.
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) return c.notFound();
    let body = cache.get(asset.path);
    if (!body) {
      const plain = readFileSync(asset.path);
      body = { plain, gzipped: gzipSync(plain) };
      cache.set(asset.path, body);
    }
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    return c.body(new Uint8Array(gzip ? body.gzipped : body.plain), 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
  });
  return app;
}
