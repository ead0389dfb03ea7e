/**
 * The API describing itself: OpenAPI 3.1 of this workspace as the caller sees it (only the objects and fields
 * they may read), generated once per metadata version and grant.
 */
import type { CompiledModel } from '@tessera/engine';
import { Hono } from 'hono';
import { accessOf } from '../auth/authorize.js';
import type { AppEnv } from '../http/env.js';
import { buildOpenApi } from '../openapi/build-openapi.js';

const documents = new WeakMap<CompiledModel, string>();

export function systemRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/openapi.json', (c) => {
    const model = accessOf(c).view;
    let text = documents.get(model);
    if (!text) {
      text = JSON.stringify(buildOpenApi(model));
      documents.set(model, text);
    }
    return c.body(text, 200, { 'content-type': 'application/json' });
  });
  return app;
}
