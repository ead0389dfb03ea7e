/**
 * A package cannot add fields to another package's objects (the engine refuses documents a dependency
 * owns), so a conversion deploys in two stages:
 *
 * 1. the **package**: its own objects and the documents about them — installed with `tessera deploy`;
 * 2. the **extension**: fields added to crm-core's objects (custom fields, `sf_id`, record types), the
 *    documents about those objects, and whatever in the package reads them — deployed afterwards as the
 *    workspace's own customization (`tessera import salesforce --extend`, or `deployConversion`).
 *
 * This file assembles the document sets of each stage from the conversion.
 */
import type {
  DocumentSet,
  LayoutDocument,
  ListViewDocument,
  ObjectDocument,
  PermissionSetDocument,
  ValidationRuleDocument,
} from '@tessera/engine';
import { type Conversion, convertedObjects, type PlannedObject } from './context.js';

export type NamedDocument =
  | ValidationRuleDocument
  | LayoutDocument
  | ListViewDocument
  | PermissionSetDocument;

/** What goes in the extension stage though it belongs to the package's objects: fields and documents by key. */
export interface Stages {
  /** `object.field` of package objects' fields that read the extension. */
  extensionFields: Set<string>;
  /** `kind:apiName` of documents deployed with the extension. */
  extensionDocuments: Set<string>;
}

export const documentKey = (d: NamedDocument): string => `${d.kind}:${d.apiName}`;

export function namedDocuments(c: Conversion): NamedDocument[] {
  return [...c.validationRules, ...c.layouts, ...c.listViews, ...c.permissionSets];
}

/** Whether a document is about crm-core's objects (or reaches them: a permission set naming one). */
function touchesBase(c: Conversion, d: NamedDocument): boolean {
  const base = new Set(
    convertedObjects(c)
      .filter((o) => o.origin === 'base')
      .map((o) => o.name),
  );
  if (d.kind === 'permission_set')
    return [...Object.keys(d.objects ?? {}), ...Object.keys(d.fields ?? {})].some((o) => base.has(o));
  return base.has(d.object);
}

export function inExtension(c: Conversion, stages: Stages, d: NamedDocument): boolean {
  return stages.extensionDocuments.has(documentKey(d)) || touchesBase(c, d);
}

/** A package object as the package ships it: without the fields that wait for the extension. */
function packageObject(o: PlannedObject, stages: Stages): ObjectDocument {
  const properties = Object.fromEntries(
    Object.entries(o.document.properties).filter(([f]) => !stages.extensionFields.has(`${o.name}.${f}`)),
  );
  const required = (o.document.required ?? []).filter((f) => f in properties);
  const { required: _all, ...rest } = o.document;
  return { ...rest, properties, ...(required.length ? { required } : {}) } as ObjectDocument;
}

/** What the extension adds to one object: properties, required ones, and the record-type field. */
export interface ObjectExtension {
  object: string;
  properties: ObjectDocument['properties'];
  required?: string[];
  recordTypeField?: string;
}

export function objectExtensions(c: Conversion, stages: Stages): ObjectExtension[] {
  const out: ObjectExtension[] = [];
  for (const o of convertedObjects(c)) {
    const names =
      o.origin === 'base'
        ? Object.keys(o.document.properties)
        : Object.keys(o.document.properties).filter((f) => stages.extensionFields.has(`${o.name}.${f}`));
    if (!names.length) continue;
    const properties = Object.fromEntries(
      names.map((f) => [f, o.document.properties[f] as ObjectDocument['properties'][string]]),
    );
    const required = (o.document.required ?? []).filter((f) => names.includes(f));
    const recordTypeField = o.origin === 'base' ? o.document['x-tessera'].recordTypeField : undefined;
    out.push({
      object: o.name,
      properties,
      ...(required.length ? { required } : {}),
      ...(recordTypeField ? { recordTypeField } : {}),
    });
  }
  return out;
}

/** Objects a set adds extensions to: every property added, `required` joined, the record-type field set. */
export function extendObjects(
  objects: readonly ObjectDocument[],
  extensions: readonly ObjectExtension[],
): ObjectDocument[] {
  return objects.map((doc) => {
    const ext = extensions.filter((e) => e.object === doc['x-tessera'].apiName);
    if (!ext.length) return doc;
    const required = [...(doc.required ?? []), ...ext.flatMap((e) => e.required ?? [])];
    const recordTypeField = ext.find((e) => e.recordTypeField)?.recordTypeField;
    return {
      ...doc,
      'x-tessera': { ...doc['x-tessera'], ...(recordTypeField ? { recordTypeField } : {}) },
      properties: Object.assign({}, doc.properties, ...ext.map((e) => e.properties)),
      ...(required.length ? { required: [...new Set(required)] } : {}),
    };
  });
}

function withNamed(set: DocumentSet, docs: readonly NamedDocument[]): DocumentSet {
  const of = <K extends NamedDocument['kind']>(kind: K) => docs.filter((d) => d.kind === kind);
  return {
    ...set,
    validationRules: [...(set.validationRules ?? []), ...(of('validation_rule') as ValidationRuleDocument[])],
    layouts: [...(set.layouts ?? []), ...(of('layout') as LayoutDocument[])],
    listViews: [...(set.listViews ?? []), ...(of('list_view') as ListViewDocument[])],
    permissionSets: [...(set.permissionSets ?? []), ...(of('permission_set') as PermissionSetDocument[])],
  };
}

/** The package's own documents (stage 1), without crm-core's. */
export function packageDocuments(
  c: Conversion,
  stages: Stages,
): { objects: ObjectDocument[]; named: NamedDocument[] } {
  return {
    objects: convertedObjects(c)
      .filter((o) => o.origin === 'package')
      .map((o) => packageObject(o, stages)),
    named: namedDocuments(c).filter((d) => !inExtension(c, stages, d)),
  };
}

export function extensionDocuments(c: Conversion, stages: Stages): NamedDocument[] {
  return namedDocuments(c).filter((d) => inExtension(c, stages, d));
}

/** The workspace after stage 1: crm-core and the package. */
export function stageOneSet(c: Conversion, stages: Stages): DocumentSet {
  const own = packageDocuments(c, stages);
  const base = c.basePackage.documents;
  return withNamed({ ...base, objects: [...base.objects, ...own.objects] }, own.named);
}

/** The workspace after stage 2: everything. */
export function fullSet(c: Conversion, stages: Stages): DocumentSet {
  const own = packageDocuments(c, stages);
  const base = c.basePackage.documents;
  const objects = extendObjects([...base.objects, ...own.objects], objectExtensions(c, stages));
  return withNamed({ ...base, objects }, [...own.named, ...extensionDocuments(c, stages)]);
}
