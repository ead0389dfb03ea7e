/**
 * Package folders (CONTRACT §3.3): `tessera.package.json`, one object document per file under `objects/`, and
 * one document of every other kind per file in its folder (`NAMED_KINDS`): roles and permission sets under
 * `permissions/`, validation and duplicate rules under `rules/`, layouts under `layouts/`, list views under
 * `views/`.
 * Reading a folder checks what is the folder's business (the manifest, file names, JSON syntax); the
 * documents themselves are validated by the engine when they are deployed.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import {
  type DocumentSet,
  type LocalizedText,
  mergeDocuments,
  NAMED_KINDS,
  type NamedDocument,
  namedDocuments,
  type ObjectDocument,
} from '@tessera/engine';
import { CliError } from './errors.js';

export const MANIFEST = 'tessera.package.json';
const NAME = /^[a-z][a-z0-9-]{0,63}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const MANIFEST_KEYS = ['name', 'version', 'label', 'description', 'dependencies'];
/** Folders of the package layout whose kinds later versions deploy. */
const LATER_FOLDERS = ['automations', 'i18n', 'data'];
/** Each folder of named documents, with the kinds it holds. */
const FOLDERS = [...new Set(NAMED_KINDS.map((k) => k.folder))].map((folder) => ({
  folder,
  kinds: NAMED_KINDS.filter((k) => k.folder === folder),
}));

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

/** A document of another kind, from `<folder>/<apiName>.json` (`rules/credit_limit.json`). */
export interface PackageDocument {
  file: string;
  document: NamedDocument;
}

export interface PackageFolder {
  dir: string;
  manifest: PackageManifest;
  objects: PackageObject[];
  /** Every document but the objects. */
  documents: PackageDocument[];
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
  const problems: string[] = [];
  const objects: PackageObject[] = [];
  for (const { file, name, document } of await readFolder(dir, 'objects')) {
    const apiName =
      isRecord(document) && isRecord(document['x-tessera']) ? document['x-tessera'].apiName : undefined;
    if (typeof apiName === 'string' && `${apiName}.json` !== name)
      problems.push(
        `${file} defines "${apiName}": one object per file, named after its API name (${apiName}.json)`,
      );
    objects.push({ file, document: document as ObjectDocument });
  }
  if (objects.length === 0) throw new CliError(`${dir} has no objects/*.json: nothing to deploy`);
  const documents: PackageDocument[] = [];
  for (const { folder, kinds } of FOLDERS)
    for (const { file, name, document } of await readFolder(dir, folder)) {
      const kind = isRecord(document) ? document.kind : undefined;
      const apiName = isRecord(document) ? document.apiName : undefined;
      if (!kinds.some((k) => k.kind === kind))
        problems.push(
          `${file} must be ${kinds.map((k) => `a ${k.label}`).join(' or ')} (${kinds.map((k) => `"kind": "${k.kind}"`).join(' or ')})`,
        );
      else if (typeof apiName === 'string' && `${apiName}.json` !== name)
        problems.push(`${file} defines "${apiName}": one document per file, named after its API name`);
      documents.push({ file, document: document as NamedDocument });
    }
  if (problems.length) throw new CliError(`${dir} does not follow the package layout`, problems);
  const warnings = LATER_FOLDERS.filter((f) => existsSync(join(dir, f))).map(
    (f) =>
      `${displayPath(join(dir, f))}/ is not deployed yet: this version of tessera deploys ${['objects', ...FOLDERS.map((f) => f.folder)].join(', ')}`,
  );
  return { dir, manifest, objects, documents, warnings };
}

/** The JSON files of one folder of a package, in name order. */
async function readFolder(dir: string, folder: string) {
  const path = join(dir, folder);
  const names = existsSync(path) ? (await readdir(path)).filter((f) => f.endsWith('.json')).sort() : [];
  const files = [];
  for (const name of names) {
    const file = `${folder}/${name}`;
    files.push({ file, name, document: await readJson(dir, file) });
  }
  return files;
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
 * The workspace's documents with the package's put in (see the engine's mergeDocuments): a document replaces
 * the one with the same stable id or API name; documents the package does not mention stay as they are. A
 * package adds and changes; it never deletes another package's documents.
 */
export function mergePackage(current: DocumentSet, pkg: PackageFolder): MergedDocuments {
  const incoming: Partial<DocumentSet> = { objects: pkg.objects.map((o) => o.document) };
  for (const { kind, key } of NAMED_KINDS)
    (incoming as Record<string, unknown>)[key] = pkg.documents
      .map((d) => d.document)
      .filter((d) => d?.kind === kind);
  const documents = mergeDocuments(current, incoming);
  // Issues name a document by API name (`role:` and `permission_set:` for those kinds) or, without a usable
  // name, by its index (`#3`, `role#0`) in the merged set: both are mapped back to the package's files.
  const files = new Map<string, string>();
  const fileByDoc = new Map<unknown, string>([
    ...pkg.objects.map((o) => [o.document, o.file] as const),
    ...pkg.documents.map((d) => [d.document, d.file] as const),
  ]);
  const name = (doc: unknown, key: string) => (isRecord(doc) ? doc[key] : undefined);
  documents.objects.forEach((doc, i) => {
    const file = fileByDoc.get(doc);
    if (!file) return;
    files.set(`#${i}`, file);
    const apiName = name(doc['x-tessera'], 'apiName');
    if (typeof apiName === 'string') files.set(apiName, file);
  });
  for (const { kind: prefix, key } of NAMED_KINDS)
    namedDocuments(documents, key).forEach((doc, i) => {
      const file = fileByDoc.get(doc);
      if (!file) return;
      files.set(`${prefix}#${i}`, file);
      if (typeof doc.apiName === 'string') files.set(`${prefix}:${doc.apiName}`, file);
    });
  const root = displayPath(pkg.dir);
  return {
    documents,
    fileOf: (document) => {
      const file = files.get(document);
      return file === undefined ? undefined : join(root, file);
    },
  };
}
