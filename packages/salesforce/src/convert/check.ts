/**
 * The engine has the last word: the converted documents are validated as they will be deployed (the package
 * installed on crm-core), and whatever the engine refuses is left out, with the engine's message in the report.
 * So a conversion always deploys, and every formula in it compiles.
 */
import { type Issue, validateDocuments } from '@tessera/engine';
import { type Conversion, convertedObjects, type PlannedObject } from './context.js';
import { documentKey, fullSet, type NamedDocument, namedDocuments } from './package-parts.js';

/** Enough rounds for chains (a formula reading a formula reading a dropped field); each round removes something. */
const MAX_ROUNDS = 50;

const KIND_LABEL: Record<NamedDocument['kind'], string> = {
  validation_rule: 'validation rule',
  layout: 'layout',
  list_view: 'list view',
  permission_set: 'permission set',
};

/** The field an object issue is about: `/properties/<field>/…` or `/required/<i>`. */
function fieldOfIssue(o: PlannedObject, issue: Issue, set: ReturnType<typeof fullSet>): string | undefined {
  const property = /^\/properties\/([^/]+)/.exec(issue.pointer);
  if (property) return property[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  if (issue.pointer.startsWith('/x-tessera/recordTypeField')) return o.recordTypeField;
  const required = /^\/required\/(\d+)/.exec(issue.pointer);
  if (required) {
    const doc = set.objects.find((d) => d['x-tessera'].apiName === o.name);
    return doc?.required?.[Number(required[1])];
  }
  return undefined;
}

/** Applies one round of issues; answers whether anything changed. */
function settle(c: Conversion, issues: Issue[], set: ReturnType<typeof fullSet>): boolean {
  let changed = false;
  const objects = new Map(convertedObjects(c).map((o) => [o.name, o]));
  const named = new Map(namedDocuments(c).map((d) => [documentKey(d), d]));
  for (const issue of issues) {
    const document = issue.document ?? '';
    const message = `${issue.code}: ${issue.message}`;
    const doc = named.get(document);
    if (doc) {
      changed = dropDocument(c, doc) || changed;
      c.report.drop(KIND_LABEL[doc.kind], document, `refused by the engine: ${message}`);
      continue;
    }
    const o = objects.get(document);
    const field = o ? fieldOfIssue(o, issue, set) : undefined;
    if (!o || !field || !(field in o.document.properties)) continue; // crm-core's own: not the conversion's to fix
    const key = `${o.name}.${field}`;
    if (dropDefault(o, field, issue.pointer)) {
      c.report.approximate('field', key, `its default is not kept (${message})`);
      changed = true;
      continue;
    }
    dropField(o, field);
    if (field === o.recordTypeField) {
      delete o.recordTypeField;
      delete o.document['x-tessera'].recordTypeField;
    }
    c.report.drop('field', key, `refused by the engine: ${message}`);
    changed = true;
  }
  return changed;
}

/** A refused default (literal or formula) costs the default, not the field. */
function dropDefault(o: PlannedObject, field: string, pointer: string): boolean {
  const prop = o.document.properties[field];
  if (!prop) return false;
  if (pointer.endsWith('/x-tessera/defaultFormula') && prop['x-tessera'].defaultFormula !== undefined) {
    delete prop['x-tessera'].defaultFormula;
    return true;
  }
  if (pointer.endsWith(`/${field}/default`) && prop.default !== undefined) {
    delete prop.default;
    return true;
  }
  return false;
}

function dropField(o: PlannedObject, field: string): void {
  delete o.document.properties[field];
  if (o.document.required) o.document.required = o.document.required.filter((f) => f !== field);
  for (const [key, f] of o.fields) if (f.name === field && f.origin === 'new') o.fields.delete(key);
}

function dropDocument(c: Conversion, doc: NamedDocument): boolean {
  const lists = [c.validationRules, c.layouts, c.listViews, c.permissionSets] as NamedDocument[][];
  for (const l of lists) {
    const at = l.indexOf(doc);
    if (at >= 0) {
      l.splice(at, 1);
      return true;
    }
  }
  return false;
}

/** Runs the engine's checks until they pass, leaving out what they refuse. */
export function settleWithEngine(c: Conversion, only: 'objects' | 'all'): void {
  const scope = (issues: Issue[]) =>
    only === 'objects' ? issues.filter((i) => !i.document?.includes(':')) : issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const set = fullSet(c);
    const issues = scope(validateDocuments(set));
    if (!issues.length || !settle(c, issues, set)) break;
  }
}

/** What the engine still refuses after settling, a line each: nothing, unless a case was beyond settling. */
export function remainingProblems(c: Conversion): string[] {
  const issues = validateDocuments(fullSet(c));
  return [...new Set(issues.map((i) => `${i.document ?? ''} ${i.pointer}: ${i.message} [${i.code}]`))];
}
