/**
 * Package folders (CONTRACT §3.3): `tessera.package.json` and one object document per file under `objects/`.
 * Reading a folder checks what is the folder's business (the manifest, file names, JSON syntax); the
 * documents themselves are validated by the engine when they are deployed.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { DocumentSet, LocalizedText, ObjectDocument } from '@tessera/engine';
import { CliError } from './errors.js';

export const MANIFEST = 'tessera.package.json';
const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const MANIFEST_KEYS = ['name', 'version', 'label', 'description', 'dependencies'];
/** Folders of the package layout whose kinds later versions deploy. */
const LATER_FOLDERS = ['layouts', 'views', 'rules', 'automations', 'permissions', 'i18n', 'data'];

export interface PackageManifest {
  name: string;
  version: string;
  label?: LocalizedText;
  description?: string | LocalizedText;
  /** Other packages this one needs, by name, with a semver range. */
  dependencies: Record<string, string>;
}

export interface PackageObject {
  /** The file, relative to the package folder: `objects/account.json`. */
  file: string;
  document: ObjectDocument;
}

export interface PackageFolder {
  dir: string;
  manifest: PackageManifest;
  objects: PackageObject[];
  /** Things a person should know that do not stop a deploy. */
  warnings: string[];
}

/** A path as a person would type it here: relative below the working directory, else absolute. */
const displayPath = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocalized = (v: unknown) =>
  isRecord(v) &&
  Object.keys(v).length > 0 &&
  Object.values(v).every((s) => typeof s === 'string' && s.length > 0);

async function readJson(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function checkManifest(value: unknown, path: string): PackageManifest {
  if (!isRecord(value)) throw new CliError(`${path} must be a JSON object`);
  const problems: string[] = [];
  for (const key of Object.keys(value))
    if (!MANIFEST_KEYS.includes(key))
      problems.push(`unknown key "${key}" (allowed: ${MANIFEST_KEYS.join(', ')})`);
  if (typeof value.name !== 'string' || !NAME.test(value.name))
    problems.push(
      '"name" must be lower-case letters, digits and dashes, starting with a letter (e.g. "field-service")',
    );
  if (typeof value.version !== 'string' || !SEMVER.test(value.version))
    problems.push('"version" must be a semantic version such as "0.1.0"');
  if (value.label !== undefined && !isLocalized(value.label))
    problems.push('"label" must map language tags to text, e.g. {"en": "Field Service"}');
  if (
    value.description !== undefined &&
    typeof value.description !== 'string' &&
    !isLocalized(value.description)
  )
    problems.push('"description" must be a text or map language tags to text');
  const deps = value.dependencies ?? {};
  if (!isRecord(deps) || !Object.entries(deps).every(([k, v]) => NAME.test(k) && typeof v === 'string'))
    problems.push('"dependencies" must map package names to version ranges, e.g. {"core": "^1.0.0"}');
  if (problems.length) throw new CliError(`${path} is not a valid package manifest`, problems);
  return { ...(value as unknown as PackageManifest), dependencies: deps as Record<string, string> };
}

/** Reads a package folder; throws CliError naming the file at fault. */
export async function readPackage(dir: string): Promise<PackageFolder> {
  if (!existsSync(join(dir, MANIFEST)))
    throw new CliError(`${dir} is not a Tessera package: it has no ${MANIFEST}`);
  const manifest = checkManifest(await readJson(dir, MANIFEST), join(dir, MANIFEST));
  const objectsDir = join(dir, 'objects');
  const files = existsSync(objectsDir)
    ? (await readdir(objectsDir)).filter((f) => f.endsWith('.json')).sort()
    : [];
  if (files.length === 0) throw new CliError(`${dir} has no objects/*.json: nothing to deploy`);
  const objects: PackageObject[] = [];
  const problems: string[] = [];
  for (const name of files) {
    const file = `objects/${name}`;
    const document = await readJson(dir, file);
    const apiName =
      isRecord(document) && isRecord(document['x-tessera']) ? document['x-tessera'].apiName : undefined;
    if (typeof apiName === 'string' && `${apiName}.json` !== name)
      problems.push(
        `${file} defines "${apiName}": one object per file, named after its API name (${apiName}.json)`,
      );
    objects.push({ file, document: document as ObjectDocument });
  }
  if (problems.length) throw new CliError(`${dir} does not follow the package layout`, problems);
  const warnings = LATER_FOLDERS.filter((f) => existsSync(join(dir, f))).map(
    (f) => `${displayPath(join(dir, f))}/ is not deployed yet: this version of tessera deploys objects only`,
  );
  return { dir, manifest, objects, warnings };
}

/** The package folders directly under `root` (the examples folder), by folder name. */
export async function findPackages(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, MANIFEST)))
    .map((e) => join(root, e.name))
    .sort();
}

/** Packages in an order where each comes after the packages it depends on. */
export function inDependencyOrder(packages: readonly PackageFolder[]): PackageFolder[] {
  const byName = new Map(packages.map((p) => [p.manifest.name, p]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: PackageFolder[] = [];
  const visit = (p: PackageFolder) => {
    const name = p.manifest.name;
    if (done.has(name)) return;
    if (visiting.has(name)) throw new CliError(`packages depend on each other in a cycle through "${name}"`);
    visiting.add(name);
    for (const dep of Object.keys(p.manifest.dependencies)) {
      const d = byName.get(dep);
      if (!d) throw new CliError(`package "${name}" depends on "${dep}", which is not among the packages`);
      visit(d);
    }
    visiting.delete(name);
    done.add(name);
    ordered.push(p);
  };
  for (const p of packages) visit(p);
  return ordered;
}

export interface MergedDocuments {
  documents: DocumentSet;
  /** The package file a document of the merged set came from, by API name or `#index` (as issues name them). */
  fileOf(document: string): string | undefined;
}

/**
 * The workspace's documents with the package's objects put in: an object of the package replaces the current
 * object with the same stable id (when the file carries one) or else the same API name; objects the package
 * does not mention stay as they are. A package adds and changes; it never deletes another package's objects.
 */
export function mergePackage(current: DocumentSet, pkg: PackageFolder): MergedDocuments {
  const objects = [...current.objects];
  const files = new Map<number, string>();
  for (const { file, document } of pkg.objects) {
    const o: Record<string, unknown> =
      isRecord(document) && isRecord(document['x-tessera']) ? document['x-tessera'] : {};
    const index = objects.findIndex((d) =>
      o.id !== undefined ? d['x-tessera'].id === o.id : d['x-tessera'].apiName === o.apiName,
    );
    const at = index === -1 ? objects.push(document) - 1 : index;
    objects[at] = document;
    files.set(at, file);
  }
  const byName = new Map<string, string>();
  for (const [index, file] of files) {
    const apiName = (objects[index] as ObjectDocument)?.['x-tessera']?.apiName;
    if (typeof apiName === 'string') byName.set(apiName, file);
  }
  const root = displayPath(pkg.dir);
  return {
    documents: { objects },
    fileOf: (document) => {
      const file = document.startsWith('#') ? files.get(Number(document.slice(1))) : byName.get(document);
      return file === undefined ? undefined : join(root, file);
    },
  };
}
