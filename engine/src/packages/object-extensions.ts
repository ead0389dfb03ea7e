/**
 * A package that depends on another may add fields to the dependency's objects (`extensions/<object>.json`):
 * crm-core's `account` gets the `sf_id` and custom fields of a Salesforce conversion, installed in the same step
 * as the package's own objects.
 *
 * What an extension adds belongs to the extending package, recorded with it like the documents it ships:
 * - its upgrades merge the added fields three ways (what the installed version added, what the workspace has now,
 *   what the new version adds), so an admin's change to such a field stays; fields the new version no longer
 *   adds are removed; its uninstall removes them (to the trash, with their values);
 * - the dependency's upgrades keep them, as they keep any field an admin added;
 * - it cannot change or remove what the dependency owns: a field the dependency ships, or the record-type field
 *   it sets, is refused, naming the item and its owner. So is a field another package's extension added, and an
 *   object that is not a declared dependency's.
 */
import { uuidv7 } from 'uuidv7';
import { type Issue, TesseraError } from '../errors.js';
import { objectShapeIssues } from '../metadata/document-shapes.js';
import { propertyOf } from '../metadata/property-of.js';
import type { DocumentSet, ObjectDocument, ObjectExtension, PackageRecord } from '../metadata/types.js';
import { followFieldChange } from '../metadata/view-references.js';
import { type MergeNote, mergeThreeWay } from './merge-three-way.js';
import type { PackageManifest } from './package-manifest.js';

const KEYS = ['object', 'properties', 'required', 'recordTypeField'];

/** How issues name an extension: `extension:<object>` (the CLI maps it to `extensions/<object>.json`). */
export const extensionName = (object: unknown) => `extension:${String(object)}`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape of each extension: its own keys, then its properties against the object meta-schema. */
export function extensionShapeIssues(extensions: unknown): Issue[] {
  if (extensions === undefined) return [];
  if (!Array.isArray(extensions))
    return [{ document: 'extensions', pointer: '', code: 'type', message: 'extensions must be a list' }];
  return extensions.flatMap((ext, i) => {
    const document = extensionName(isRecord(ext) ? ext.object : i);
    const issue = (pointer: string, code: string, message: string): Issue => ({
      document,
      pointer,
      code,
      message,
    });
    if (!isRecord(ext)) return [issue('', 'type', 'an extension must be a JSON object')];
    const issues = Object.keys(ext)
      .filter((k) => !KEYS.includes(k))
      .map((k) => issue(`/${k}`, 'unknown_key', `unknown key "${k}" (allowed: ${KEYS.join(', ')})`));
    if (typeof ext.object !== 'string')
      issues.push(issue('/object', 'required', '"object" must name the extended object, e.g. "account"'));
    if (!isRecord(ext.properties) || !Object.keys(ext.properties).length) {
      issues.push(issue('/properties', 'required', '"properties" must hold the fields the extension adds'));
      return issues;
    }
    const fields = Object.keys(ext.properties);
    const required = ext.required ?? [];
    if (!Array.isArray(required) || !required.every((f) => typeof f === 'string' && fields.includes(f)))
      issues.push(issue('/required', 'bad_required', '"required" must list fields the extension adds'));
    if (
      ext.recordTypeField !== undefined &&
      (typeof ext.recordTypeField !== 'string' || !fields.includes(ext.recordTypeField))
    )
      issues.push(
        issue('/recordTypeField', 'bad_record_type_field', '"recordTypeField" must be a field it adds'),
      );
    // The properties are checked as an object's: the same meta-schema, the same pointers as in the file.
    const asObject = {
      type: 'object',
      'x-tessera': { apiName: String(ext.object), nameField: fields[0] },
      properties: ext.properties,
    };
    issues.push(...objectShapeIssues(asObject, document).filter((i) => i.pointer.startsWith('/properties/')));
    return issues;
  });
}

type Owner = { package: string; what: string };

/** Who owns each field of each object: `account.name` → crm-core (shipped it), `account.sf_id` → npsp (added it). */
function fieldOwners(packages: readonly PackageRecord[], except: string): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  for (const p of packages) {
    if (p.apiName === except) continue;
    for (const o of p.shipped.objects) {
      const name = o['x-tessera'].apiName;
      for (const field of Object.keys(o.properties))
        owners.set(`${name}.${field}`, { package: p.apiName, what: `field ${name}.${field}` });
      if (o['x-tessera'].recordTypeField)
        owners.set(`${name}#recordType`, { package: p.apiName, what: `the record-type field of ${name}` });
    }
    for (const ext of p.extensions ?? []) {
      for (const field of Object.keys(ext.properties))
        owners.set(`${ext.object}.${field}`, { package: p.apiName, what: `field ${ext.object}.${field}` });
      if (ext.recordTypeField)
        owners.set(`${ext.object}#recordType`, {
          package: p.apiName,
          what: `the record-type field of ${ext.object}`,
        });
    }
  }
  return owners;
}

/** The package that shipped each object, by API name. */
function objectOwners(packages: readonly PackageRecord[]): Map<string, string> {
  return new Map(packages.flatMap((p) => p.shipped.objects.map((o) => [o['x-tessera'].apiName, p.apiName])));
}

/**
 * Refuses, before anything changes, an extension of an object that no declared dependency owns, and one that
 * would change what another package owns; and a package's object that defines a field another package's
 * extension added.
 */
export function checkExtensionOwnership(
  manifest: PackageManifest,
  objects: readonly ObjectDocument[],
  extensions: readonly ObjectExtension[],
  current: DocumentSet,
): void {
  const packages = current.packages ?? [];
  const owners = fieldOwners(packages, manifest.name);
  const objectOwner = objectOwners(packages);
  const issues: Issue[] = [];
  const add = (document: string, pointer: string, code: string, message: string) =>
    issues.push({ document, pointer, code, message });
  const seen = new Set<string>();
  for (const ext of extensions) {
    const document = extensionName(ext.object);
    if (seen.has(ext.object))
      add(document, '/object', 'duplicate_extension', `${ext.object} is extended twice`);
    seen.add(ext.object);
    const owner = objectOwner.get(ext.object);
    if (!current.objects.some((o) => o['x-tessera'].apiName === ext.object))
      add(
        document,
        '/object',
        'unknown_object',
        `extends object ${ext.object}, which is not in the workspace`,
      );
    else if (!owner || !(owner in manifest.dependencies))
      add(
        document,
        '/object',
        'not_a_dependency',
        owner
          ? `extends object ${ext.object} of package ${owner}, which is not among its dependencies`
          : `extends object ${ext.object}, which no package owns: a package extends its dependencies' objects`,
      );
    for (const field of Object.keys(ext.properties)) {
      const taken = owners.get(`${ext.object}.${field}`);
      if (taken)
        add(
          document,
          `/properties/${field}`,
          'owned_by_other_package',
          `${taken.what} belongs to package ${taken.package}`,
        );
    }
    const recordType = owners.get(`${ext.object}#recordType`);
    if (ext.recordTypeField && recordType)
      add(
        document,
        '/recordTypeField',
        'owned_by_other_package',
        `${recordType.what} belongs to package ${recordType.package}`,
      );
  }
  // A package's own object may not take over a field another package added to it (an upgrade of the dependency
  // that ships a field of the same name): the two would fight over one column.
  for (const o of objects) {
    const name = o['x-tessera'].apiName;
    for (const field of Object.keys(o.properties)) {
      const taken = owners.get(`${name}.${field}`);
      if (taken && taken.package !== objectOwner.get(name))
        add(
          name,
          `/properties/${field}`,
          'owned_by_other_package',
          `${taken.what} belongs to package ${taken.package}`,
        );
    }
  }
  if (issues.length)
    throw new TesseraError(
      'package_conflict',
      `${manifest.name} ${manifest.version} changes what other packages own: ${issues[0]?.message}`,
      issues,
    );
}

/**
 * The extensions with their fields' stable ids: the id the installed version's field had, else the workspace's
 * field of that name, else a new one. Recorded with the package, so its upgrade tells an admin's change of a field
 * from the id the workspace gave it.
 */
export function withExtensionIds(
  extensions: readonly ObjectExtension[],
  installed: readonly ObjectExtension[],
  current: DocumentSet,
): ObjectExtension[] {
  return extensions.map((ext) => {
    const copy = structuredClone(ext);
    const before = installed.find((e) => e.object === ext.object);
    const now = current.objects.find((o) => o['x-tessera'].apiName === ext.object);
    for (const [name, prop] of Object.entries(copy.properties))
      prop['x-tessera'].id ??=
        before?.properties[name]?.['x-tessera'].id ?? propertyOf(now, name)?.['x-tessera'].id ?? uuidv7();
    return copy;
  });
}

/** The part of an object an extension is about, shaped as the object document (so merge notes point into it). */
interface ExtensionView {
  properties: ObjectDocument['properties'];
  required?: string[];
  'x-tessera'?: { recordTypeField: string };
}

function viewOf(ext: ObjectExtension | undefined): ExtensionView {
  if (!ext) return { properties: {} };
  return {
    properties: ext.properties,
    ...(ext.required?.length ? { required: ext.required } : {}),
    ...(ext.recordTypeField ? { 'x-tessera': { recordTypeField: ext.recordTypeField } } : {}),
  };
}

function objectView(doc: ObjectDocument, names: ReadonlySet<string>): ExtensionView {
  const required = (doc.required ?? []).filter((f) => names.has(f));
  const recordTypeField = doc['x-tessera'].recordTypeField;
  return {
    properties: Object.fromEntries(Object.entries(doc.properties).filter(([f]) => names.has(f))),
    ...(required.length ? { required } : {}),
    ...(recordTypeField && names.has(recordTypeField) ? { 'x-tessera': { recordTypeField } } : {}),
  };
}

/** The object with the fields named `names` replaced by the view's, in place where they were. */
function withView(doc: ObjectDocument, names: ReadonlySet<string>, view: ExtensionView): ObjectDocument {
  const properties: ObjectDocument['properties'] = {};
  for (const [f, p] of Object.entries(doc.properties)) {
    const added = view.properties[f];
    if (!names.has(f)) properties[f] = p;
    else if (added) properties[f] = added;
  }
  Object.assign(properties, view.properties);
  const required = [...(doc.required ?? []).filter((f) => !names.has(f)), ...(view.required ?? [])];
  const { required: _, ...rest } = doc;
  const x = { ...doc['x-tessera'] };
  if (x.recordTypeField && names.has(x.recordTypeField)) delete x.recordTypeField;
  if (view['x-tessera']) x.recordTypeField = view['x-tessera'].recordTypeField;
  return { ...rest, 'x-tessera': x, properties, ...(required.length ? { required } : {}) };
}

/** The documents with one object's extension fields `names` replaced by the view's; layouts follow removed ones. */
function rewrite(
  documents: DocumentSet,
  doc: ObjectDocument,
  names: ReadonlySet<string>,
  view: ExtensionView,
) {
  const extended = withView(doc, names, view);
  let out: DocumentSet = { ...documents, objects: documents.objects.map((o) => (o === doc ? extended : o)) };
  const object = doc['x-tessera'].apiName;
  for (const field of Object.keys(doc.properties))
    if (!(field in extended.properties)) out = followFieldChange(out, { object, field, to: null });
  return out;
}

const objectNamed = (documents: DocumentSet, name: string) =>
  documents.objects.find((o) => o['x-tessera'].apiName === name);

/**
 * The workspace's documents with a package's extensions applied: what `before` (the installed version) added,
 * merged with what `after` (the version being installed) adds. A value both the admin and the new version
 * changed stays as the admin has it and is noted.
 */
export function applyExtensions(
  documents: DocumentSet,
  before: readonly ObjectExtension[],
  after: readonly ObjectExtension[],
  notes: (object: string, note: MergeNote) => void,
): DocumentSet {
  let out = documents;
  for (const object of new Set([...before, ...after].map((e) => e.object))) {
    const doc = objectNamed(out, object);
    if (!doc) continue; // gone with its package: nothing of it to change
    const was = before.find((e) => e.object === object);
    const next = after.find((e) => e.object === object);
    const names = new Set([...Object.keys(was?.properties ?? {}), ...Object.keys(next?.properties ?? {})]);
    const found: MergeNote[] = [];
    // Newly added (first install, or a newly extended object): the package's fields as it ships them.
    const view = was
      ? (mergeThreeWay(viewOf(was), objectView(doc, names), viewOf(next), found) as ExtensionView | undefined)
      : viewOf(next);
    for (const note of found) notes(object, note);
    out = rewrite(out, doc, names, { ...view, properties: view?.properties ?? {} });
  }
  return out;
}

/** The documents without the fields a package's extensions added, whatever an admin changed in them since. */
export function removeExtensions(
  documents: DocumentSet,
  extensions: readonly ObjectExtension[],
): DocumentSet {
  let out = documents;
  for (const ext of extensions) {
    const doc = objectNamed(out, ext.object);
    if (doc) out = rewrite(out, doc, new Set(Object.keys(ext.properties)), { properties: {} });
  }
  return out;
}
