/**
 * The document set a package install leaves in the workspace, decided before anything is written.
 *
 * - First install: the package's documents are put in (replacing unowned documents of the same name, as any
 *   deploy does) and a package record remembers what it shipped.
 * - Upgrade (a newer version, or the same one again): every document the package owns is merged three ways —
 *   what the installed version shipped, what the workspace has now, what the new version ships — so the
 *   package's changes land and an admin's customizations (an extra field, a changed label, an extra picklist
 *   value, a rearranged layout) stay. Documents the new version no longer ships are removed; documents an
 *   admin deleted stay deleted. Each value where both sides changed is kept as the workspace has it, and noted.
 *
 * - Fields the package adds to its dependencies' objects (its extensions) are merged the same way: see
 *   object-extensions.ts.
 *
 * Refused before anything changes: an invalid manifest, a missing or too-old dependency, an older version than
 * the installed one, and a document, field or extension that another package owns.
 */
import semver from 'semver';
import { type Issue, TesseraError } from '../errors.js';
import { assignIds } from '../metadata/assign-ids.js';
import {
  type DocumentKind,
  documentEntries,
  NAMED_KINDS,
  namedDocuments,
} from '../metadata/document-kinds.js';
import { invalidDocuments, shapeIssues } from '../metadata/document-shapes.js';
import { propertyOf } from '../metadata/property-of.js';
import type { DocumentSet, ObjectDocument, ObjectExtension, PackageRecord } from '../metadata/types.js';
import { type MergeNote, mergeThreeWay } from './merge-three-way.js';
import {
  applyExtensions,
  checkExtensionOwnership,
  extensionShapeIssues,
  withExtensionIds,
} from './object-extensions.js';
import { checkManifest, manifestOf, type PackageManifest } from './package-manifest.js';
import type { SeedFile } from './seed-files.js';

/** A package as it is installed: from a folder (the CLI) or as JSON (the metadata API). */
export interface PackageSource {
  manifest: unknown;
  /** Objects and documents of the other kinds, as in a deploy. */
  documents: Partial<DocumentSet>;
  /** Fields added to its dependencies' objects (`extensions/<object>.json`). */
  extensions?: readonly ObjectExtension[];
  /** `data/*.csv`: loaded on first install only. */
  data?: readonly SeedFile[];
}

export type InstallAction = 'install' | 'upgrade' | 'reinstall';

/** A value an upgrade left as the workspace has it, though the new version changes it. */
export interface CustomizationKept extends MergeNote {
  kind: DocumentKind;
  document: string;
}

export interface InstallPlan {
  manifest: PackageManifest;
  action: InstallAction;
  /** The installed version an upgrade replaces. */
  previousVersion?: string;
  documents: DocumentSet;
  kept: CustomizationKept[];
}

type Entry = { kind: DocumentKind; key: string; name: string; doc: unknown };

/** Objects are matched by stable id (a renamed object is the same object); other kinds by kind and name. */
function entriesOf(set: DocumentSet): Map<string, Entry> {
  return new Map(
    documentEntries(set)
      .filter((e) => e.kind !== 'package')
      .map((e) => [
        `${e.kind}:${e.id}`,
        { kind: e.kind, key: `${e.kind}:${e.id}`, name: e.apiName, doc: e.doc },
      ]),
  );
}

const asSet = (documents: Partial<DocumentSet>): DocumentSet => ({
  ...documents,
  objects: documents.objects ?? [],
});

export function planInstall(current: DocumentSet, source: PackageSource): InstallPlan {
  const problems = checkManifest(source.manifest);
  if (problems.length)
    throw new TesseraError(
      'invalid_package',
      `the package manifest is not valid: ${problems[0]?.message}`,
      problems,
    );
  // Ids, ownership and the merge below walk the documents: they must have their shape first.
  const shapes = [...shapeIssues(source.documents), ...extensionShapeIssues(source.extensions)];
  if (shapes.length) throw invalidDocuments(shapes);
  const manifest = manifestOf(source.manifest);
  const installed = (current.packages ?? []).find((p) => p.apiName === manifest.name);
  checkDependencies(manifest, current.packages ?? []);
  checkDependents(manifest, current.packages ?? []);
  if (installed && semver.lt(manifest.version, installed.version))
    throw new TesseraError(
      'package_conflict',
      `${manifest.name} ${installed.version} is installed; ${manifest.version} is older (uninstall first to go back)`,
    );
  const shipped = installed?.shipped ?? { objects: [] };
  // Ids first from what the installed version shipped (so a document the admin deleted is still recognized),
  // then from the workspace: a document the package writes without ids keeps the ones it has here.
  const theirs = assignIds(withShippedIds(asSet(source.documents), shipped), current);
  checkOwnership(manifest.name, theirs, current.packages ?? []);
  checkExtensionOwnership(manifest, theirs.objects, source.extensions ?? [], current);
  const extensions = withExtensionIds(source.extensions ?? [], installed?.extensions ?? [], current);
  const kept: CustomizationKept[] = [];
  const documents = applyExtensions(
    mergePackage(current, shipped, theirs, kept),
    installed?.extensions ?? [],
    extensions,
    (object, note) => kept.push({ kind: 'object', document: object, ...note }),
  );
  const record: PackageRecord = {
    kind: 'package',
    apiName: manifest.name,
    version: manifest.version,
    ...(manifest.label ? { label: manifest.label } : {}),
    ...(manifest.description ? { description: manifest.description } : {}),
    dependencies: manifest.dependencies,
    // A copy: the workspace's documents must never share an object with the record of what was shipped.
    shipped: structuredClone(theirs),
    ...(extensions.length ? { extensions: structuredClone(extensions) } : {}),
  };
  // In name order, as the store reads them back.
  documents.packages = [...(current.packages ?? []).filter((p) => p.apiName !== manifest.name), record].sort(
    (a, b) => a.apiName.localeCompare(b.apiName),
  );
  const action: InstallAction = !installed
    ? 'install'
    : installed.version === manifest.version
      ? 'reinstall'
      : 'upgrade';
  return { manifest, action, ...(installed ? { previousVersion: installed.version } : {}), documents, kept };
}

/** The new version's objects and fields given the ids they were shipped with, where their files give none. */
function withShippedIds(theirs: DocumentSet, shipped: DocumentSet): DocumentSet {
  const byName = new Map(shipped.objects.map((o) => [o['x-tessera'].apiName, o]));
  const byId = new Map(shipped.objects.map((o) => [o['x-tessera'].id, o]));
  const objects = theirs.objects.map((doc) => {
    const id = doc['x-tessera']?.id;
    const before = id === undefined ? byName.get(doc['x-tessera']?.apiName) : byId.get(id);
    if (!before) return doc;
    const copy = structuredClone(doc);
    copy['x-tessera'].id ??= before['x-tessera'].id;
    for (const [name, prop] of Object.entries(copy.properties)) {
      const shippedId = propertyOf(before, name)?.['x-tessera'].id;
      if (shippedId !== undefined) prop['x-tessera'].id ??= shippedId;
    }
    return copy;
  });
  return { ...theirs, objects };
}

function checkDependencies(manifest: PackageManifest, installed: readonly PackageRecord[]) {
  const issues: Issue[] = [];
  for (const [name, range] of Object.entries(manifest.dependencies)) {
    const dependency = installed.find((p) => p.apiName === name);
    if (!dependency || !semver.satisfies(dependency.version, range))
      issues.push({
        document: 'tessera.package.json',
        pointer: `/dependencies/${name}`,
        code: dependency ? 'dependency_too_old' : 'missing_dependency',
        message: dependency
          ? `needs ${name} ${range}; ${dependency.version} is installed`
          : `needs ${name} ${range}, which is not installed`,
      });
  }
  if (issues.length)
    throw new TesseraError(
      'package_dependency',
      `${manifest.name} ${manifest.version} ${issues.map((i) => i.message).join('; ')}: install that first`,
      issues,
    );
}

/** A new version must still be one that every installed package depending on it accepts. */
function checkDependents(manifest: PackageManifest, installed: readonly PackageRecord[]) {
  const issues: Issue[] = installed
    .filter((p) => {
      const range = p.dependencies[manifest.name];
      return range !== undefined && !semver.satisfies(manifest.version, range);
    })
    .map((p) => ({
      document: 'tessera.package.json',
      pointer: '/version',
      code: 'breaks_dependent',
      message: `${p.apiName} ${p.version} needs ${manifest.name} ${p.dependencies[manifest.name]}`,
    }));
  if (issues.length)
    throw new TesseraError(
      'package_dependency',
      `${manifest.name} ${manifest.version} would break installed packages: ${issues.map((i) => i.message).join('; ')}; upgrade them first`,
      issues,
    );
}

function checkOwnership(name: string, theirs: DocumentSet, packages: readonly PackageRecord[]) {
  const owners = new Map<string, string>();
  for (const other of packages)
    if (other.apiName !== name)
      for (const key of entriesOf(other.shipped).keys()) owners.set(key, other.apiName);
  const issues: Issue[] = [];
  for (const entry of entriesOf(theirs).values()) {
    const owner = owners.get(entry.key);
    if (owner)
      issues.push({
        document: entry.name,
        pointer: '',
        code: 'owned_by_other_package',
        message: `${entry.kind.replace('_', ' ')} ${entry.name} belongs to package ${owner}`,
      });
  }
  if (issues.length)
    throw new TesseraError(
      'package_conflict',
      `${name} ships documents of other packages: ${issues[0]?.message}`,
      issues,
    );
}

/** The workspace's documents with the package's merged in; the package's dropped documents taken out. */
function mergePackage(
  current: DocumentSet,
  shipped: DocumentSet,
  theirs: DocumentSet,
  kept: CustomizationKept[],
): DocumentSet {
  const base = entriesOf(shipped);
  const mine = entriesOf(current);
  const next = new Map(mine);
  for (const entry of entriesOf(theirs).values()) {
    const before = base.get(entry.key);
    const now = mine.get(entry.key);
    if (!before) {
      next.set(entry.key, entry);
      continue;
    }
    const notes: MergeNote[] = [];
    const merged =
      entry.kind === 'object'
        ? mergeObject(
            before.doc as ObjectDocument,
            now?.doc as ObjectDocument | undefined,
            entry.doc as ObjectDocument,
            notes,
          )
        : mergeThreeWay(before.doc, now?.doc, entry.doc, notes);
    for (const note of notes) kept.push({ kind: entry.kind, document: entry.name, ...note });
    if (merged === undefined) next.delete(entry.key);
    else next.set(entry.key, { ...entry, doc: merged });
  }
  const shippedNow = entriesOf(theirs);
  for (const [key, entry] of base)
    if (!shippedNow.has(key) && next.has(key)) {
      const now = mine.get(key);
      if (JSON.stringify(now?.doc) !== JSON.stringify(entry.doc))
        kept.push({ kind: entry.kind, document: entry.name, pointer: '' });
      next.delete(key);
    }
  return setOf(current, [...next.values()]);
}

/** Objects merge with their fields matched by stable id, so a field the new version renames keeps its data. */
function mergeObject(
  base: ObjectDocument,
  mine: ObjectDocument | undefined,
  theirs: ObjectDocument,
  notes: MergeNote[],
): unknown {
  const names = new Map(Object.entries(theirs.properties).map(([name, p]) => [p['x-tessera'].id, name]));
  return mergeThreeWay(renamedAs(base, names), mine && renamedAs(mine, names), theirs, notes);
}

function renamedAs(doc: ObjectDocument, names: ReadonlyMap<string | undefined, string>): ObjectDocument {
  const rename = (name: string) => names.get(propertyOf(doc, name)?.['x-tessera'].id) ?? name;
  return {
    ...doc,
    properties: Object.fromEntries(Object.entries(doc.properties).map(([name, p]) => [rename(name), p])),
    ...(doc.required ? { required: doc.required.map(rename) } : {}),
  };
}

function setOf(current: DocumentSet, entries: readonly Entry[]): DocumentSet {
  const set: DocumentSet = {
    ...current,
    objects: entries.filter((e) => e.kind === 'object').map((e) => e.doc as ObjectDocument),
  };
  for (const { kind, key } of NAMED_KINDS) {
    const docs = entries.filter((e) => e.kind === kind).map((e) => e.doc);
    if (docs.length || namedDocuments(current, key).length)
      (set as unknown as Record<string, unknown>)[key] = docs;
  }
  return set;
}
