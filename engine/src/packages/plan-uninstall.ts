/**
 * The document set left when a package is uninstalled: without the documents it owns (objects go to the trash
 * with their records, like any deleted object, so restoring the version before brings them back), without the
 * fields it added to its dependencies' objects (to the trash too), without the layouts and list views of its
 * objects, and without its record. Refused while another installed package
 * depends on it.
 */
import { TesseraError } from '../errors.js';
import { documentEntries, NAMED_KINDS, namedDocuments } from '../metadata/document-kinds.js';
import type { DocumentSet, PackageRecord } from '../metadata/types.js';
import { followObjectDeletion } from '../metadata/view-references.js';
import { removeExtensions } from './object-extensions.js';

export function installedPackage(current: DocumentSet, name: string): PackageRecord {
  const record = (current.packages ?? []).find((p) => p.apiName === name);
  if (!record) throw new TesseraError('unknown_package', `package "${name}" is not installed`);
  return record;
}

export function planUninstall(
  current: DocumentSet,
  name: string,
): { record: PackageRecord; documents: DocumentSet; objects: string[] } {
  const record = installedPackage(current, name);
  const dependents = (current.packages ?? []).filter((p) => name in p.dependencies).map((p) => p.apiName);
  if (dependents.length)
    throw new TesseraError(
      'package_conflict',
      `${dependents.join(', ')} depend${dependents.length === 1 ? 's' : ''} on ${name}: uninstall ${dependents.length === 1 ? 'it' : 'them'} first`,
    );
  const owned = new Set(documentEntries(record.shipped).map((e) => `${e.kind}:${e.id}`));
  const objectIds = new Set(record.shipped.objects.map((o) => o['x-tessera'].id));
  const objects = current.objects
    .filter((o) => objectIds.has(o['x-tessera'].id))
    .map((o) => o['x-tessera'].apiName);
  // The fields it added to its dependencies' objects go first (to the trash, with their values).
  const reduced = removeExtensions(current, record.extensions ?? []);
  let documents: DocumentSet = {
    ...reduced,
    objects: reduced.objects.filter((o) => !objectIds.has(o['x-tessera'].id)),
    packages: (current.packages ?? []).filter((p) => p.apiName !== name),
  };
  for (const { kind, key } of NAMED_KINDS)
    if (documents[key])
      (documents as unknown as Record<string, unknown>)[key] = namedDocuments(documents, key).filter(
        (d) => !owned.has(`${kind}:${d.apiName}`),
      );
  for (const object of objects) documents = followObjectDeletion(documents, object);
  return { record, documents, objects };
}
