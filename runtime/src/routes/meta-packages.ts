/**
 * `/meta/packages`: installed packages, what each owns, and installing, upgrading and
 * uninstalling them. A package arrives as JSON: `{ manifest, documents: { objects, layouts, … }, extensions:
 * [{ object, properties, … }], data: [{ file, text }] }` — the folder layout, file by file; the CLI's `tessera deploy <folder>` sends the same thing to the
 * engine. `?dryRun=true` answers the plan and changes nothing (a first install's seed data is loaded and rolled
 * back, so every bad row shows); `If-Match` makes the change conditional.
 */
import {
  installPackage,
  NAMED_KINDS,
  type ObjectExtension,
  type PackageOptions,
  packageSummaries,
  packageSummary,
  type SeedFile,
  uninstallPackage,
} from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { authorOf } from '../auth/principal.js';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { expectedVersion } from '../http/etag.js';
import { badRequest } from '../http/http-error.js';

const DOCUMENT_KEYS = ['objects', ...NAMED_KINDS.map((k) => k.key)];

function options(c: Context<AppEnv>): PackageOptions {
  const baseVersion = expectedVersion(c.req.header('if-match'));
  const principal = c.get('principal');
  const owner = principal.subject.userId;
  return {
    dryRun: c.req.query('dryRun') === 'true',
    author: authorOf(principal),
    // Seed records belong to the admin who installs the package (with the platform admin's token: the first).
    ...(owner ? { owner } : {}),
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  };
}

/** The request body as a package source; its shape is checked here, its contents by the engine. */
async function readPackage(c: Context<AppEnv>) {
  const body = await readJsonObject(c);
  const documents = body.documents ?? {};
  if (typeof documents !== 'object' || documents === null || Array.isArray(documents))
    throw badRequest(
      'bad_package',
      'documents must be an object of document lists',
      'documents',
      '/documents',
    );
  for (const [key, list] of Object.entries(documents))
    if (!DOCUMENT_KEYS.includes(key) || !Array.isArray(list))
      throw badRequest(
        'bad_package',
        `documents holds lists named ${DOCUMENT_KEYS.join(', ')}; not "${key}"`,
        'documents',
        `/documents/${key}`,
      );
  const extensions = body.extensions ?? [];
  if (!Array.isArray(extensions))
    throw badRequest(
      'bad_package',
      "extensions must be a list of the fields added to dependencies' objects ({ object, properties })",
      'extensions',
      '/extensions',
    );
  const data = body.data ?? [];
  if (!Array.isArray(data) || !data.every((f) => typeof f?.file === 'string' && typeof f?.text === 'string'))
    throw badRequest('bad_package', 'data must be a list of { file, text } (CSV files)', 'data', '/data');
  return {
    manifest: body.manifest,
    documents,
    extensions: extensions as ObjectExtension[],
    data: data as SeedFile[],
  };
}

export function packageRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.json({ data: packageSummaries(c.get('workspace')) }));

  app.get('/:name', (c) => c.json({ data: packageSummary(c.get('workspace'), c.req.param('name')) }));

  /** Installs a package, or upgrades the installed one to this version. */
  app.post('/', async (c) => {
    const result = await installPackage(c.get('workspace'), await readPackage(c), options(c));
    c.header('ETag', `"${result.metadataVersion}"`);
    return c.json({ data: result }, result.action === 'install' && result.applied ? 201 : 200);
  });

  /** Uninstalls; `?force=true` when its objects have records (they go to the trash, restorable). */
  app.delete('/:name', async (c) => {
    const result = await uninstallPackage(c.get('workspace'), c.req.param('name'), {
      ...options(c),
      force: c.req.query('force') === 'true',
    });
    c.header('ETag', `"${result.metadataVersion}"`);
    return c.json({ data: result });
  });

  return app;
}
