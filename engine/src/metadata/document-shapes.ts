/**
 * Every document against its kind's published meta-schema. This comes before anything walks a document (gives
 * ids, merges, plans, follows references): only then may that code rely on an object's `x-tessera` and on each
 * property having one, so a malformed document is a list of issues, never a crash.
 */
import type { ValidateFunction } from 'ajv';
import { type Issue, TesseraError } from '../errors.js';
import { isFieldType } from '../fields/registry.js';
import { createAjv } from '../model/ajv.js';
import { ajvIssues } from './ajv-issues.js';
import { NAMED_KINDS, type NamedKind } from './document-kinds.js';
import { valueAt } from './json-pointer.js';
import { buildObjectMetaSchema } from './meta-schema.js';
import type { DocumentSet, ObjectDocument } from './types.js';

type ShapedKind = 'object' | NamedKind['kind'];

const validators = new Map<ShapedKind, ValidateFunction>();

/** The compiled meta-schema of a kind, compiled once per process. */
export function metaValidator(kind: ShapedKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    const build =
      kind === 'object'
        ? buildObjectMetaSchema
        : (NAMED_KINDS.find((k) => k.kind === kind) as NamedKind).metaSchema;
    validate = createAjv().compile(build());
    validators.set(kind, validate);
  }
  return validate;
}

function fieldTypeAtPointer(doc: unknown, pointer: string): string | undefined {
  const name = /^\/properties\/([^/]+)/.exec(pointer)?.[1];
  const properties = (doc as Partial<ObjectDocument> | null)?.properties;
  const prop = name && properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
  const field = prop?.['x-tessera']?.field;
  return isFieldType(field) ? field : undefined;
}

/** An object document's shape issues, each naming `document`. */
export function objectShapeIssues(doc: unknown, document: string): Issue[] {
  const validate = metaValidator('object');
  if (validate(doc)) return [];
  return ajvIssues(
    validate.errors,
    (pointer) => fieldTypeAtPointer(doc, pointer),
    (pointer) => valueAt(doc, pointer),
  ).map((i) => ({ document, ...i }));
}

/** A named document's shape issues, each naming `document`. */
export function namedShapeIssues(kind: NamedKind['kind'], doc: unknown, document: string): Issue[] {
  const validate = metaValidator(kind);
  if (validate(doc)) return [];
  return ajvIssues(validate.errors, () => undefined).map((i) => ({ document, ...i }));
}

/** How issues name an object document: its API name, or its place in the list when it has none. */
export function objectLabel(doc: unknown, index: number): string {
  const apiName = (doc as Partial<ObjectDocument> | null)?.['x-tessera']?.apiName;
  return typeof apiName === 'string' ? apiName : `#${index}`;
}

/** How issues name a document of another kind: `role:sales`, or `role#2` when it has no API name. */
export function namedLabel(kind: NamedKind['kind'], doc: unknown, index: number): string {
  const apiName = (doc as { apiName?: unknown } | null)?.apiName;
  return typeof apiName === 'string' ? `${kind}:${apiName}` : `${kind}#${index}`;
}

/** The shape issues of every document of a (partial) set: lists where lists belong, each document well formed. */
export function shapeIssues(set: Partial<DocumentSet>): Issue[] {
  const issues: Issue[] = [];
  const notAList = (key: string) =>
    issues.push({
      document: key,
      pointer: '',
      code: 'not_a_list',
      message: `${key} must be a list of documents`,
    });
  if (set.objects !== undefined && !Array.isArray(set.objects)) notAList('objects');
  else
    (set.objects ?? []).forEach((doc, i) => {
      issues.push(...objectShapeIssues(doc, objectLabel(doc, i)));
    });
  for (const { kind, key } of NAMED_KINDS) {
    const docs: unknown = set[key];
    if (docs === undefined) continue;
    if (!Array.isArray(docs)) notAList(key);
    else
      docs.forEach((doc, i) => {
        issues.push(...namedShapeIssues(kind, doc, namedLabel(kind, doc, i)));
      });
  }
  return issues;
}

/** The refusal of a document set, with its first problem in the message and every one in `issues`. */
export function invalidDocuments(issues: readonly Issue[]): TesseraError {
  const first = issues[0] as Issue;
  return new TesseraError(
    'invalid_documents',
    `${issues.length} problem${issues.length === 1 ? '' : 's'} in the metadata; first: ${first.document ?? ''} at ${first.pointer || '/'}: ${first.message}`,
    [...issues],
  );
}
