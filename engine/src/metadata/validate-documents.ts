/**
 * Validates a set of documents: first each object against the published meta-schema, then what a schema
 * cannot say (reserved names, targets that exist, defaults that fit, cycles of master-detail); the other kinds
 * are checked in their own files (validate-access-documents.ts, validate-rule-documents.ts …). Returns every issue found, each with the
 * document and a JSON pointer, rather than stopping at the first.
 */
import type { Issue } from '../errors.js';
import { fieldTypeDef } from '../fields/registry.js';
import { checkDefaultFormula } from '../formulas/default-formulas.js';
import { validatorFor } from '../model/validator-cache.js';
import { objectLabel, objectShapeIssues } from './document-shapes.js';
import { escapePointer, valueAt } from './json-pointer.js';
import { reservedReason } from './names.js';
import { propertyOf } from './property-of.js';
import type { DocumentSet, JsonSchema, ObjectDocument, PropertyDocument } from './types.js';
import { validateAccessDocuments } from './validate-access-documents.js';
import { validateAutomationDocuments } from './validate-automation-documents.js';
import { validateRuleDocuments } from './validate-rule-documents.js';
import { validateViewDocuments } from './validate-view-documents.js';

/** Field types whose value can name a record in lists and lookups. */
const NAME_FIELD_TYPES = new Set(['text', 'autonumber', 'email', 'phone', 'formula']);

export function validateDocuments(set: DocumentSet): Issue[] {
  const issues: Issue[] = [];
  const valid = new Map<string, ObjectDocument>();
  const names = new Map<string, number>();
  set.objects.forEach((doc, index) => {
    const apiName = (doc as Partial<ObjectDocument>)?.['x-tessera']?.apiName;
    const document = objectLabel(doc, index);
    const shapeIssues = objectShapeIssues(doc, document);
    issues.push(...shapeIssues);
    if (typeof apiName === 'string') {
      if (names.has(apiName))
        issues.push({
          document,
          pointer: '/x-tessera/apiName',
          code: 'duplicate_name',
          message: `another object is also named "${apiName}"`,
        });
      names.set(apiName, index);
    }
    if (shapeIssues.length === 0 && !valid.has(document)) valid.set(document, doc);
  });
  // A reference to an object that is in the set but has shape issues of its own is not a second problem.
  const invalid = new Set([...names.keys()].filter((name) => !valid.has(name)));
  const stillWrong = (doc: ObjectDocument) => (i: Issue) =>
    !(i.code === 'unknown_target' && invalid.has(String(valueAt(doc, i.pointer))));
  for (const doc of valid.values()) issues.push(...checkObject(doc, valid).filter(stillWrong(doc)));
  const objects = { valid, broken: invalid };
  issues.push(
    ...checkIds(set.objects),
    ...checkMasterDetailCycles(valid),
    ...validateAccessDocuments(set, objects),
    ...validateRuleDocuments(set, objects),
    ...validateViewDocuments(set, objects),
    ...validateAutomationDocuments(set, objects),
  );
  return issues;
}

function checkObject(doc: ObjectDocument, objects: ReadonlyMap<string, ObjectDocument>): Issue[] {
  const o = doc['x-tessera'];
  const issues: Issue[] = [];
  const add = (pointer: string, code: string, message: string) =>
    issues.push({ document: o.apiName, pointer, code, message });

  const reserved = reservedReason(o.apiName);
  if (reserved) add('/x-tessera/apiName', 'reserved_name', reserved);
  if (doc.$id !== undefined && doc.$id !== `tessera:object/${o.apiName}`)
    add('/$id', 'id_mismatch', `$id must be "tessera:object/${o.apiName}" to match the API name`);

  const nameField = propertyOf(doc, o.nameField);
  if (!nameField)
    add(
      '/x-tessera/nameField',
      'unknown_name_field',
      `nameField "${o.nameField}" is not a field of this object`,
    );
  else if (!NAME_FIELD_TYPES.has(nameField['x-tessera'].field) || nameField.type !== 'string')
    add('/x-tessera/nameField', 'bad_name_field', `nameField "${o.nameField}" must be a text-valued field`);
  if (
    o.recordTypeField !== undefined &&
    propertyOf(doc, o.recordTypeField)?.['x-tessera'].field !== 'picklist'
  )
    add(
      '/x-tessera/recordTypeField',
      'bad_record_type_field',
      `recordTypeField "${o.recordTypeField}" must be a picklist field of this object`,
    );

  (doc.required ?? []).forEach((name, i) => {
    const prop = propertyOf(doc, name);
    if (!prop)
      add(`/required/${i}`, 'unknown_required', `required field "${name}" is not a field of this object`);
    else if (fieldTypeDef(prop['x-tessera'].field).generated)
      add(
        `/required/${i}`,
        'generated_required',
        `"${name}" is computed by the platform and cannot be required`,
      );
  });

  for (const [name, prop] of Object.entries(doc.properties)) {
    const pointer = `/properties/${escapePointer(name)}`;
    const why = reservedReason(name);
    if (why) add(pointer, 'reserved_name', why);
    for (const issue of checkField(name, prop, pointer, doc, objects))
      issues.push({ document: o.apiName, ...issue });
  }
  return issues;
}

function checkField(
  name: string,
  prop: PropertyDocument,
  pointer: string,
  object: ObjectDocument,
  objects: ReadonlyMap<string, ObjectDocument>,
): Issue[] {
  const def = fieldTypeDef(prop['x-tessera'].field);
  const issues = [
    ...(def.check?.(prop, { name, pointer, object, objects }) ?? []),
    ...checkDefaultFormula(name, prop, object, pointer),
  ];
  if (prop.default !== undefined) {
    if (def.generated)
      issues.push({
        pointer: `${pointer}/default`,
        code: 'default_not_allowed',
        message: `a field of type "${def.type}" has no default`,
      });
    else if (!defaultFits(def.valueSchema(prop), prop.default))
      issues.push({
        pointer: `${pointer}/default`,
        code: 'bad_default',
        message: `default ${JSON.stringify(prop.default)} is not a valid value of this field`,
      });
  }
  if (def.generated && prop.readOnly === false)
    issues.push({
      pointer: `${pointer}/readOnly`,
      code: 'generated_writable',
      message: `a field of type "${def.type}" is always read-only`,
    });
  return issues;
}

const defaultFits = (schema: JsonSchema, value: unknown) => validatorFor(schema)(value);

function checkIds(objects: readonly ObjectDocument[]): Issue[] {
  const issues: Issue[] = [];
  const objectIds = new Set<string>();
  for (const doc of objects) {
    const o = doc?.['x-tessera'];
    if (!o || typeof o.apiName !== 'string') continue;
    if (o.id !== undefined) {
      if (objectIds.has(o.id))
        issues.push({
          document: o.apiName,
          pointer: '/x-tessera/id',
          code: 'duplicate_id',
          message: `object id "${o.id}" is used twice`,
        });
      objectIds.add(o.id);
    }
    const fieldIds = new Set<string>();
    for (const [name, prop] of Object.entries(doc.properties ?? {})) {
      const id = prop?.['x-tessera']?.id;
      if (id === undefined) continue;
      if (fieldIds.has(id))
        issues.push({
          document: o.apiName,
          pointer: `/properties/${escapePointer(name)}/x-tessera/id`,
          code: 'duplicate_id',
          message: `field id "${id}" is used twice in this object`,
        });
      fieldIds.add(id);
    }
  }
  return issues;
}

/** A chain of master-details that comes back to where it started would make every record its own ancestor. */
function checkMasterDetailCycles(objects: ReadonlyMap<string, ObjectDocument>): Issue[] {
  const parents = new Map<string, { field: string; target: string }[]>();
  for (const [apiName, doc] of objects)
    parents.set(
      apiName,
      Object.entries(doc.properties)
        .filter(([, p]) => p['x-tessera'].field === 'master_detail')
        .map(([field, p]) => ({ field, target: p['x-tessera'].target ?? '' })),
    );
  const issues: Issue[] = [];
  const reported = new Set<string>();
  for (const start of parents.keys()) {
    const path: string[] = [];
    const dead = new Set<string>(); // explored from this start without leading back to it
    const walk = (node: string): boolean => {
      if (path.includes(node)) return node === start;
      if (dead.has(node)) return false;
      path.push(node);
      for (const edge of parents.get(node) ?? [])
        if (walk(edge.target)) {
          if (node === start && !reported.has([...path].sort().join())) {
            reported.add([...path].sort().join());
            issues.push({
              document: start,
              pointer: `/properties/${escapePointer(edge.field)}/x-tessera/target`,
              code: 'master_detail_cycle',
              message: `master-detail cycle: ${[...path, start].join(' → ')}`,
            });
          }
          return true;
        }
      path.pop();
      dead.add(node);
      return false;
    };
    walk(start);
  }
  return issues;
}
