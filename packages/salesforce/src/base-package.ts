/**
 * The package standard objects land on (crm-core): its manifest and documents, read from its folder so the
 * converter knows each object's fields and can check the converted package against it.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DocumentSet, MANIFEST_FILE, NAMED_KINDS, type ObjectDocument } from '@tessera/engine';
import { SalesforceError } from './errors.js';

export interface BasePackage {
  name: string;
  version: string;
  documents: DocumentSet;
  objects: Map<string, ObjectDocument>;
}

/** crm-core as this repository ships it. */
export const DEFAULT_BASE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'examples',
  'crm-core',
);

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new SalesforceError('bad_base_package', `cannot read ${path}: ${(e as Error).message}`);
  }
}

async function readFolder(dir: string): Promise<unknown[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(names.map((n) => readJson(join(dir, n))));
}

export async function readBasePackage(dir = DEFAULT_BASE_DIR): Promise<BasePackage> {
  if (!existsSync(join(dir, MANIFEST_FILE)))
    throw new SalesforceError(
      'bad_base_package',
      `${dir} is not a Tessera package: it has no ${MANIFEST_FILE}`,
    );
  const manifest = (await readJson(join(dir, MANIFEST_FILE))) as { name?: unknown; version?: unknown };
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string')
    throw new SalesforceError(
      'bad_base_package',
      `${join(dir, MANIFEST_FILE)} must have a name and a version`,
    );
  const objects = (await readFolder(join(dir, 'objects'))) as ObjectDocument[];
  const documents: DocumentSet = { objects };
  for (const { kind, key, folder } of NAMED_KINDS) {
    const docs = (await readFolder(join(dir, folder))).filter(
      (d) => (d as { kind?: unknown })?.kind === kind,
    );
    if (docs.length) (documents as unknown as Record<string, unknown[]>)[key] = docs;
  }
  return {
    name: manifest.name,
    version: manifest.version,
    documents,
    objects: new Map(objects.map((o) => [o['x-tessera'].apiName, o])),
  };
}
