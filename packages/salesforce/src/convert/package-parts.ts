/**
 * A conversion is one package that depends on crm-core: its own objects and documents, and the fields it adds
 * to crm-core's objects (custom fields of Account, Contact…, `sf_id`, record types) as extensions, which the
 * engine installs in the same step and records as the package's. This file assembles those parts, and the
 * workspace they make with crm-core (what the engine checks the conversion against).
 */
import type {
  DocumentSet,
  LayoutDocument,
  ListViewDocument,
  ObjectDocument,
  ObjectExtension,
  PermissionSetDocument,
  ValidationRuleDocument,
} from '@tessera/engine';
import { type Conversion, convertedObjects } from './context.js';

export type NamedDocument =
  | ValidationRuleDocument
  | LayoutDocument
  | ListViewDocument
  | PermissionSetDocument;

export const documentKey = (d: NamedDocument): string => `${d.kind}:${d.apiName}`;

export function namedDocuments(c: Conversion): NamedDocument[] {
  return [...c.validationRules, ...c.layouts, ...c.listViews, ...c.permissionSets];
}

/** The package's own objects. */
export function packageObjects(c: Conversion): ObjectDocument[] {
  return convertedObjects(c)
    .filter((o) => o.origin === 'package')
    .map((o) => o.document);
}

/** What the package adds to each crm-core object: properties, required ones, and the record-type field. */
export function objectExtensions(c: Conversion): ObjectExtension[] {
  const out: ObjectExtension[] = [];
  for (const o of convertedObjects(c)) {
    if (o.origin !== 'base' || !Object.keys(o.document.properties).length) continue;
    const required = (o.document.required ?? []).filter((f) => f in o.document.properties);
    const recordTypeField = o.document['x-tessera'].recordTypeField;
    out.push({
      object: o.name,
      properties: o.document.properties,
      ...(required.length ? { required } : {}),
      ...(recordTypeField ? { recordTypeField } : {}),
    });
  }
  return out;
}

/** Objects with the extensions' fields added: every property, `required` joined, the record-type field set. */
function extendObjects(
  objects: readonly ObjectDocument[],
  extensions: readonly ObjectExtension[],
): ObjectDocument[] {
  return objects.map((doc) => {
    const ext = extensions.find((e) => e.object === doc['x-tessera'].apiName);
    if (!ext) return doc;
    const required = [...new Set([...(doc.required ?? []), ...(ext.required ?? [])])];
    return {
      ...doc,
      'x-tessera': {
        ...doc['x-tessera'],
        ...(ext.recordTypeField ? { recordTypeField: ext.recordTypeField } : {}),
      },
      properties: { ...doc.properties, ...ext.properties },
      ...(required.length ? { required } : {}),
    };
  });
}

/** The workspace once a package of these parts is installed on `base` (crm-core's documents). */
export function installedSet(
  base: DocumentSet,
  objects: readonly ObjectDocument[],
  extensions: readonly ObjectExtension[],
  docs: readonly NamedDocument[],
): DocumentSet {
  const of = <K extends NamedDocument['kind']>(kind: K) => docs.filter((d) => d.kind === kind);
  return {
    ...base,
    objects: extendObjects([...base.objects, ...objects], extensions),
    validationRules: [
      ...(base.validationRules ?? []),
      ...(of('validation_rule') as ValidationRuleDocument[]),
    ],
    layouts: [...(base.layouts ?? []), ...(of('layout') as LayoutDocument[])],
    listViews: [...(base.listViews ?? []), ...(of('list_view') as ListViewDocument[])],
    permissionSets: [...(base.permissionSets ?? []), ...(of('permission_set') as PermissionSetDocument[])],
  };
}

/** The workspace once the package is installed on crm-core: what the engine checks the conversion against. */
export function fullSet(c: Conversion): DocumentSet {
  return installedSet(c.basePackage.documents, packageObjects(c), objectExtensions(c), namedDocuments(c));
}
