/**
 * `/docs`: interactive API documentation (Swagger UI, served from the swagger-ui-dist package: no CDN, so it
 * works offline). The page itself is public; it asks for a token and sends it with every call it makes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';

const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** Only these files are served, so no path can reach anything else on disk. */
const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tessera API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" href="/docs/assets/favicon-32x32.png">
  <style>body{margin:0} #token{display:flex;gap:8px;padding:12px 20px;font:14px sans-serif;background:#f6f6f6}
  #token input{flex:1;max-width:420px}</style>
</head>
<body>
  <form id="token"><label for="t">API token</label><input id="t" type="password" autocomplete="off">
  <button>Use</button></form>
  <div id="ui"><p style="font:16px sans-serif;padding:20px">Enter an API token above to load this workspace's API.</p></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    const KEY = 'tessera-token';
    const form = document.getElementById('token');
    form.addEventListener('submit', (e) => { e.preventDefault(); sessionStorage.setItem(KEY, form.t.value); location.reload(); });
    if (sessionStorage.getItem(KEY)) SwaggerUIBundle({
      url: '/api/v1/openapi.json',
      dom_id: '#ui',
      requestInterceptor: (req) => {
        const token = sessionStorage.getItem(KEY);
        if (token) req.headers.Authorization = 'Bearer ' + token;
        return req;
      },
    });
  </script>
</body>
</html>`;

export function docsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, Buffer>();
  app.get('/', (c) => c.html(PAGE));
  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    // Only the listed files: `constructor` is no asset, though ASSETS inherits one.
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return c.notFound();
    let body = cache.get(file);
    if (!body) {
      body = readFileSync(join(DIST, file));
      cache.set(file, body);
    }
    return c.body(new Uint8Array(body), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
  return app;
}
