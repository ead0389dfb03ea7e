/** One metadata change through the engine's deploy, as every metadata route makes it, and its answer. */
import type { DeployResult, DocumentSet } from '@tessera/engine';
import type { Context } from 'hono';
import { authorOf } from '../auth/principal.js';
import type { AppEnv } from '../http/env.js';
import { expectedVersion } from '../http/etag.js';

export async function deploy(c: Context<AppEnv>, documents: DocumentSet, message: string) {
  const ws = c.get('workspace');
  const dryRun = c.req.query('dryRun') === 'true';
  const baseVersion = expectedVersion(c.req.header('if-match'));
  const result: DeployResult = await ws.deploy(documents, {
    dryRun,
    message,
    author: authorOf(c.get('principal')),
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
  c.header('ETag', `"${result.version}"`);
  return {
    version: result.version,
    applied: result.applied,
    plan: result.plan.steps,
    documents: result.documents,
  };
}

export const changeBody = (result: Awaited<ReturnType<typeof deploy>>, data: unknown) => ({
  data,
  meta: { version: result.version, applied: result.applied, plan: result.plan },
});
