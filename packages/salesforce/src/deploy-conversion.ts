/**
 * Deploys a written conversion on a workspace that has its base package (crm-core): stage 1 installs the
 * package (as `tessera deploy` does), stage 2 adds the extension — fields on crm-core's objects and the
 * documents about them — as the workspace's own customization, which crm-core upgrades keep.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DocumentSet,
  installPackage,
  MANIFEST_FILE,
  mergeDocuments,
  type ObjectDocument,
  type Workspace,
} from '@tessera/engine';
import type { NamedDocument, ObjectExtension } from './convert/stages.js';
import { extendObjects } from './convert/stages.js';
import { SalesforceError } from './errors.js';
import { EXTENSION_DIR, KIND_FOLDERS } from './write-conversion.js';

const KEYS: Record<NamedDocument['kind'], keyof DocumentSet> = {
  validation_rule: 'validationRules',
  layout: 'layouts',
  list_view: 'listViews',
  permission_set: 'permissionSets',
};

async function readJsonFiles<T>(dir: string): Promise<T[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: T[] = [];
  for (const n of names) {
    try {
      out.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as T);
    } catch (e) {
      throw new SalesforceError('bad_output', `${join(dir, n)} is not valid JSON: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Named documents of a folder laid out as a package, by their DocumentSet key. */
async function readNamed(dir: string): Promise<Partial<DocumentSet>> {
  const set: Record<string, unknown[]> = {};
  for (const [kind, folder] of Object.entries(KIND_FOLDERS)) {
    const docs = (await readJsonFiles<NamedDocument>(join(dir, folder))).filter((d) => d.kind === kind);
    if (docs.length) set[KEYS[kind as NamedDocument['kind']]] = docs;
  }
  return set as Partial<DocumentSet>;
}

export interface ConversionDeployment {
  /** The metadata version after each stage that ran. */
  packageVersion?: number;
  extensionVersion?: number;
}

export async function deployConversion(
  ws: Workspace,
  dir: string,
  options: { author?: string } = {},
): Promise<ConversionDeployment> {
  if (!existsSync(join(dir, MANIFEST_FILE)))
    throw new SalesforceError('bad_output', `${dir} is not a converted package: it has no ${MANIFEST_FILE}`);
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as {
    name: string;
    version: string;
  };
  const objects = await readJsonFiles<ObjectDocument>(join(dir, 'objects'));
  const result: ConversionDeployment = {};
  if (objects.length) {
    const installed = await installPackage(
      ws,
      { manifest, documents: { objects, ...(await readNamed(dir)) } },
      options.author ? { author: options.author } : {},
    );
    result.packageVersion = installed.metadataVersion;
  }
  const extensionDir = join(dir, EXTENSION_DIR);
  const extensions = await readJsonFiles<ObjectExtension>(join(extensionDir, 'objects'));
  const named = await readNamed(extensionDir);
  if (!extensions.length && !Object.keys(named).length) return result;
  const current = (await ws.reload()).documents;
  const next = mergeDocuments({ ...current, objects: extendObjects(current.objects, extensions) }, named);
  const deployed = await ws.deploy(next, {
    message: `Salesforce conversion ${manifest.name} ${manifest.version}: fields and documents on ${[...new Set(extensions.map((e) => e.object))].join(', ')}`,
    ...(options.author ? { author: options.author } : {}),
  });
  result.extensionVersion = deployed.version;
  return result;
}
