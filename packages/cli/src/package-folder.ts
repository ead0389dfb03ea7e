/**
 * Package folders: `tessera.package.json`, one object document per file under `objects/`, the fields it adds to
 * its dependencies' objects under `extensions/<object>.json`, and
 * one document of every other kind per file in its folder (`NAMED_KINDS`): roles and permission sets under
 * `permissions/`, validation and duplicate rules under `rules/`, layouts under `layouts/`, list views under
 * `views/`, automations under `automations/`.
 * Reading a folder checks what is the folder's business (the manifest, file names, JSON syntax); the
 * documents themselves are validated by the engine when they are deployed.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import {
  checkManifest,
  type DocumentSet,
  extensionName,
  MANIFEST_FILE,
  NAMED_KINDS,
  type NamedDocument,
  type ObjectDocument,
  type ObjectExtension,
  type PackageManifest,
  type PackageSource,
  type SeedFile,
} from '@tessera/engine';
import { CliError } from './errors.js';

/** Folders people may expect in a package that this version does not deploy: warned about, left out. */
const LATER_FOLDERS = ['i18n'];
/** Each folder of named documents, with the kinds it holds. */
export const FOLDERS = [...new Set(NAMED_KINDS.map((k) => k.folder))].map((folder) => ({
  folder,
  kinds: NAMED_KINDS.filter((k) => k.folder === folder),
}));

export interface PackageObject {
  /** The file, relative to the package folder: `objects/account.json`. */
  file: string;
  document: ObjectDocument;
}

/** Fields added to a dependency's object, from `extensions/<object>.json`. */
export interface PackageExtension {
  file: string;
  extension: ObjectExtension;
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
  extensions: PackageExtension[];
  /** Every document but the objects. */
  documents: PackageDocument[];
  /** `data/*.csv`, by file name. */
  data: SeedFile[];
  /** Things a person should know that do not stop a deploy. */
  warnings: string[];
}

/** Every folder of documents and what it holds, a line each for help texts: `  rules/<name>.json  validation rules, …`. */
export function folderSummary(): string {
  const rows = [
    ['objects', 'objects, with their stable ids'],
    ['extensions', "fields added to a dependency's object (the file named after it)"],
    ...FOLDERS.map(({ folder, kinds }) => [folder, kinds.map((k) => `${k.label}s`).join(', ')]),
  ];
  const width = Math.max(...rows.map(([folder]) => `${folder}/<name>.json`.length));
  return rows.map(([folder, what]) => `  ${`${folder}/<name>.json`.padEnd(width)}  ${what}`).join('\n');
}

/** A path as a person would type it here: relative below the working directory, else absolute. */
const displayPath = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

/** `account.json` → `account`. */
const baseName = (file: string) => file.replace(/\.json$/, '');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function checkedManifest(value: unknown, path: string): PackageManifest {
  const issues = checkManifest(value);
  if (issues.length)
    throw new CliError(
      `${path} is not a valid package manifest`,
      issues.map((i) => i.message),
    );
  return { ...(value as PackageManifest), dependencies: (value as PackageManifest).dependencies ?? {} };
}

/** Reads a package folder; throws CliError naming the file at fault. */
export async function readPackage(dir: string): Promise<PackageFolder> {
  if (!existsSync(dir))
    throw new CliError(`${displayPath(dir)} does not exist: give the path of a package folder`);
  if (!statSync(dir).isDirectory())
    throw new CliError(`${displayPath(dir)} is a file: give the folder that holds ${MANIFEST_FILE}`);
  if (!existsSync(join(dir, MANIFEST_FILE)))
    throw new CliError(`${dir} is not a Tessera package: it has no ${MANIFEST_FILE}`);
  const manifest = checkedManifest(await readJson(dir, MANIFEST_FILE), join(dir, MANIFEST_FILE));
  const problems: string[] = [];
  const objects: PackageObject[] = [];
  for (const { file, name, document } of await readFolder(dir, 'objects')) {
    const apiName =
      isRecord(document) && isRecord(document['x-tessera']) ? document['x-tessera'].apiName : undefined;
    // Without its API name the engine could only name the document by its place in the workspace's set.
    if (typeof apiName !== 'string')
      problems.push(`${file} must name its object: "x-tessera": { "apiName": "${baseName(name)}", … }`);
    else if (`${apiName}.json` !== name)
      problems.push(
        `${file} defines "${apiName}": one object per file, named after its API name (${apiName}.json)`,
      );
    objects.push({ file, document: document as ObjectDocument });
  }
  const extensions: PackageExtension[] = [];
  for (const { file, name, document } of await readFolder(dir, 'extensions')) {
    const object = isRecord(document) ? document.object : undefined;
    if (typeof object !== 'string')
      problems.push(`${file} must name the object it extends: "object": "${baseName(name)}"`);
    else if (`${object}.json` !== name)
      problems.push(
        `${file} extends "${object}": one extended object per file, named after it (${object}.json)`,
      );
    extensions.push({ file, extension: document as ObjectExtension });
  }
  if (objects.length === 0 && extensions.length === 0)
    throw new CliError(`${dir} has no objects/*.json nor extensions/*.json: nothing to deploy`);
  const documents: PackageDocument[] = [];
  for (const { folder, kinds } of FOLDERS)
    for (const { file, name, document } of await readFolder(dir, folder)) {
      const kind = isRecord(document) ? document.kind : undefined;
      const apiName = isRecord(document) ? document.apiName : undefined;
      if (!kinds.some((k) => k.kind === kind))
        problems.push(
          `${file} must be ${kinds.map((k) => `a ${k.label}`).join(' or ')} (${kinds.map((k) => `"kind": "${k.kind}"`).join(' or ')})`,
        );
      else if (typeof apiName !== 'string')
        problems.push(`${file} must name its document: "apiName": "${baseName(name)}"`);
      else if (`${apiName}.json` !== name)
        problems.push(`${file} defines "${apiName}": one document per file, named after its API name`);
      documents.push({ file, document: document as NamedDocument });
    }
  if (problems.length) throw new CliError(`${dir} does not follow the package layout`, problems);
  const warnings = LATER_FOLDERS.filter((f) => existsSync(join(dir, f))).map(
    (f) =>
      `${displayPath(join(dir, f))}/ is left out: tessera deploys ${['objects', 'extensions', ...FOLDERS.map((f) => f.folder)].join(', ')} and data (translations go in the documents themselves)`,
  );
  const data: SeedFile[] = [];
  const dataDir = join(dir, 'data');
  if (existsSync(dataDir))
    for (const name of (await readdir(dataDir)).filter((f) => f.endsWith('.csv')).sort())
      data.push({ file: `data/${name}`, text: await readText(join(dataDir, name)) });
  return { dir, manifest, objects, extensions, documents, data, warnings };
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
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, MANIFEST_FILE)))
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

/** The package as the engine installs it: manifest, documents by kind, seed files. */
export function packageSource(pkg: PackageFolder): PackageSource {
  const documents: Partial<DocumentSet> = { objects: pkg.objects.map((o) => o.document) };
  for (const { kind, key } of NAMED_KINDS) {
    const docs = pkg.documents.map((d) => d.document).filter((d) => d?.kind === kind);
    if (docs.length) (documents as Record<string, unknown>)[key] = docs;
  }
  return {
    manifest: pkg.manifest,
    documents,
    ...(pkg.extensions.length ? { extensions: pkg.extensions.map((e) => e.extension) } : {}),
    data: pkg.data,
  };
}

/**
 * The package file an engine issue is about. Issues name a document by API name (`role:` and `permission_set:`
 * and so on for the other kinds), or a seed or manifest file by its path in the package.
 */
export function packageFileOf(pkg: PackageFolder): (document: string) => string | undefined {
  const files = new Map<string, string>([[MANIFEST_FILE, MANIFEST_FILE]]);
  const name = (doc: unknown, key: string) => (isRecord(doc) ? doc[key] : undefined);
  for (const o of pkg.objects) {
    const apiName = name(o.document?.['x-tessera'], 'apiName');
    if (typeof apiName === 'string') files.set(apiName, o.file);
  }
  for (const e of pkg.extensions)
    if (isRecord(e.extension)) files.set(extensionName(e.extension.object), e.file);
  for (const d of pkg.documents)
    if (typeof d.document?.apiName === 'string')
      files.set(`${d.document.kind}:${d.document.apiName}`, d.file);
  for (const f of pkg.data) files.set(f.file, f.file);
  const root = displayPath(pkg.dir);
  return (document) => {
    const file = files.get(document);
    return file === undefined ? undefined : join(root, file);
  };
}
