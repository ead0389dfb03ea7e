/**
 * The compiled object model: everything the runtime needs about a metadata version, computed once per version
 * and then only read. Validators are compiled here and nowhere else.
 */
import type { ValidateFunction } from 'ajv';
import { compile as compileTypeScript } from 'json-schema-to-typescript';
import { type Issue, NO_ISSUES, TesseraError } from '../errors.js';
import type { FieldReference, FieldTypeDef } from '../fields/field-type-def.js';
import type { FieldType } from '../fields/field-types.js';
import { fieldTypeDef } from '../fields/registry.js';
import type { DocumentSet, JsonSchema, ObjectDocument, PropertyDocument } from '../metadata/types.js';
import type { ColumnSpec, DialectName } from '../storage/column-type.js';
import { getOrCreate } from '../util/get-or-create.js';
import { ownValue } from '../util/own-value.js';
import { buildTablePlan } from './build-table-plan.js';
import { fieldIssue } from './record-issues.js';
import { recordMessage } from './record-messages.js';
import { buildRecordSchemas, nullable, type RecordSchemas } from './record-schemas.js';
import { SYSTEM_FIELDS } from './system-fields.js';
import type { TablePlan } from './table-plan.js';
import { validatorFor } from './validator-cache.js';

export interface CompiledField {
  id: string;
  name: string;
  type: FieldType;
  def: FieldTypeDef;
  prop: PropertyDocument;
  required: boolean;
  /** Clients may send a value. */
  writable: boolean;
  unique: boolean;
  /** JSON Schema of one non-null value. */
  valueSchema: JsonSchema;
  /** Where the value is stored; absent for values computed when read. */
  columns?: ColumnSpec;
  /** The row of another table the value names (lookups, master-details, users); absent for other types. */
  reference?: FieldReference;
}

export type WriteMode = 'create' | 'update';

export interface PreparedWrite {
  /** The accepted values, normalized, with defaults filled in on create. */
  values: Record<string, unknown>;
  issues: Issue[];
}

export interface CompiledObject {
  id: string;
  apiName: string;
  document: ObjectDocument;
  /** Fields in document order, by API name. */
  fields: ReadonlyMap<string, CompiledField>;
  schemas: RecordSchemas;
  table(dialect: DialectName): TablePlan;
  /**
   * Checks and normalizes a client's write: unknown and read-only fields, then the JSON Schema. Messages are
   * in `locale` (English by default).
   */
  prepareWrite(input: unknown, mode: WriteMode, locale?: string): PreparedWrite;
  /** Checks one value of one field against its definition, whoever writes it; undefined when it fits. */
  checkValue(field: string, value: unknown, locale?: string): Issue | undefined;
}

export interface CompiledModel {
  version: number;
  documents: DocumentSet;
  objects: ReadonlyMap<string, CompiledObject>;
  object(apiName: string): CompiledObject;
  /** TypeScript declarations of every object's record, create and update shapes (memoized). */
  typescript(): Promise<string>;
}

export const stableId = (explicit: string | undefined, apiName: string) => explicit ?? apiName;

function compileField(
  name: string,
  prop: PropertyDocument,
  required: boolean,
  object: ObjectDocument,
): CompiledField {
  const def = fieldTypeDef(prop['x-tessera'].field);
  return {
    id: stableId(prop['x-tessera'].id, name),
    name,
    type: def.type,
    def,
    prop,
    required,
    writable: !def.generated && prop.readOnly !== true,
    unique: prop['x-tessera'].unique === true || def.type === 'autonumber',
    valueSchema: def.valueSchema(prop),
    columns: def.column?.(prop, { name, object }),
    reference: def.reference?.(prop),
  };
}

function compileObject(doc: ObjectDocument): CompiledObject {
  const o = doc['x-tessera'];
  const required = new Set(doc.required ?? []);
  const fieldList = Object.entries(doc.properties).map(([name, prop]) =>
    compileField(name, prop, required.has(name), doc),
  );
  const fields = new Map(fieldList.map((f) => [f.name, f]));
  const schemas = buildRecordSchemas(doc.title ?? o.label?.en ?? o.apiName, fieldList);
  // The record schemas are enforced field by field with shared validators (see validator-cache.ts); a required
  // field may not be cleared, so its validator is the non-null one. One map lookup per written value.
  const checks = new Map(
    fieldList.map((f) => [
      f.name,
      { field: f, validate: validatorFor(f.required ? f.valueSchema : nullable(f.valueSchema)) },
    ]),
  );
  const check = (
    name: string,
    field: CompiledField,
    validate: ValidateFunction,
    value: unknown,
    locale: string,
  ): Issue | undefined => {
    if (value === null && field.required)
      return {
        pointer: `/${name}`,
        code: 'required',
        message: recordMessage(locale, 'requiredNotClearable'),
      };
    if (!validate(value)) return fieldIssue(name, validate.errors, locale);
    const problem = value === null ? undefined : field.def.valueProblem?.(value);
    return problem && { pointer: `/${name}`, code: problem.code, message: problem.message(locale) };
  };
  const unknown = (name: string, locale: string): Issue => ({
    pointer: `/${name}`,
    code: 'unknown',
    message: recordMessage(locale, 'unknownField', { field: name, object: o.apiName }),
  });
  const checkValue = (name: string, value: unknown, locale = 'en'): Issue | undefined => {
    const entry = checks.get(name);
    if (!entry) return unknown(name, locale);
    return check(name, entry.field, entry.validate, value, locale);
  };
  // A field with a default formula gets its value after this check (see formulas/default-formulas.ts).
  const requiredOnCreate = fieldList
    .filter((f) => f.writable && f.required && !f.prop['x-tessera'].defaultFormula)
    .map((f) => f.name);
  const defaults = fieldList.filter((f) => f.writable && f.prop.default !== undefined);
  const tables = new Map<DialectName, TablePlan>();
  const compiled: CompiledObject = {
    id: stableId(o.id, o.apiName),
    apiName: o.apiName,
    document: doc,
    fields,
    schemas,
    table: (dialect) => {
      return getOrCreate(tables, dialect, () => buildTablePlan(compiled, dialect));
    },
    checkValue,
    prepareWrite: (input, mode, locale = 'en') => {
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return {
          values: {},
          issues: [{ pointer: '', code: 'type', message: recordMessage(locale, 'notAnObject') }],
        };
      // Bulk writes prepare records by the hundred thousand: no array is made for a record without issues.
      let issues: Issue[] | undefined;
      const fail = (issue: Issue) => {
        issues ??= [];
        issues.push(issue);
      };
      const values: Record<string, unknown> = {};
      for (const key in input) {
        if (!Object.hasOwn(input, key)) continue;
        const entry = checks.get(key);
        if (!entry) {
          fail(
            Object.hasOwn(SYSTEM_FIELDS, key)
              ? { pointer: `/${key}`, code: 'readOnly', message: recordMessage(locale, 'systemField') }
              : unknown(key, locale),
          );
        } else if (!entry.field.writable) {
          fail({ pointer: `/${key}`, code: 'readOnly', message: recordMessage(locale, 'readOnly') });
        } else {
          const value = normalize(entry.field, (input as Record<string, unknown>)[key]);
          const issue = check(key, entry.field, entry.validate, value, locale);
          if (issue) fail(issue);
          values[key] = value;
        }
      }
      if (mode === 'create') {
        // Field names such as `constructor` are looked up as the record's own values, never Object.prototype's.
        for (const f of defaults)
          if (ownValue(values, f.name) === undefined) values[f.name] = structuredClone(f.prop.default);
        for (const name of requiredOnCreate)
          if (ownValue(values, name) === undefined)
            fail({ pointer: `/${name}`, code: 'required', message: recordMessage(locale, 'required') });
      }
      return { values, issues: issues ?? NO_ISSUES };
    },
  };
  return compiled;
}

function normalize(field: CompiledField, value: unknown): unknown {
  const fn = field.def.normalize;
  if (!fn || value === null || typeof value !== 'string') return value;
  return fn(value, field.prop);
}

/** Compiles a validated document set. Call once per metadata version and share the result. */
export function compileModel(documents: DocumentSet, version: number): CompiledModel {
  const objects = new Map(documents.objects.map((doc) => [doc['x-tessera'].apiName, compileObject(doc)]));
  let typescript: Promise<string> | undefined;
  return {
    version,
    documents,
    objects,
    object: (apiName) => {
      const found = objects.get(apiName);
      if (!found)
        throw new TesseraError('unknown_object', `there is no object "${apiName}"`, [], { object: apiName });
      return found;
    },
    typescript: () => {
      typescript ??= generateTypeScript([...objects.values()]);
      return typescript;
    },
  };
}

const pascal = (apiName: string) =>
  apiName.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * json-schema-to-typescript declares a named type for every schema with a `title`; field titles ("Name")
 * repeat across objects and shapes, so they become doc comments instead.
 */
function untitled(schema: JsonSchema): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(
      ([name, { title, ...rest }]) => [
        name,
        title !== undefined && rest.description === undefined ? { ...rest, description: title } : rest,
      ],
    ),
  );
  return { ...schema, properties };
}

async function generateTypeScript(objects: CompiledObject[]): Promise<string> {
  const options = {
    bannerComment: '',
    additionalProperties: false,
    format: false,
    strictIndexSignatures: true,
  };
  const parts: string[] = [
    '/* Generated by tessera from the workspace metadata. Do not edit: run `tessera types` again. */',
  ];
  const registry: string[] = [];
  for (const obj of objects) {
    const name = pascal(obj.apiName);
    for (const [suffix, schema] of [
      ['', obj.schemas.record],
      ['Create', obj.schemas.create],
      ['Update', obj.schemas.update],
    ] as const) {
      parts.push(
        await compileTypeScript(
          { ...untitled(schema), title: `${name}${suffix}` },
          `${name}${suffix}`,
          options,
        ),
      );
    }
    registry.push(`  ${obj.apiName}: { record: ${name}; create: ${name}Create; update: ${name}Update };`);
  }
  parts.push(`export interface TesseraObjects {\n${registry.join('\n')}\n}\n`);
  return parts.join('\n');
}
