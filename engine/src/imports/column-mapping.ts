/**
 * Which field each column of a file fills: the explicit `mapping` first, then the field's API name, then its
 * label in any of the object's languages (case and spaces ignored); `<lookup>.<field>` headers name a lookup's
 * records by another of the target's fields, `<field>.id` (lookups, master-details, users) by id. Columns of no
 * field are reported (and skipped), as are writable fields no column covers. An export writes a reference as
 * two columns, its name and `<field>.id`: the id column fills the field and the other is reported as ignored,
 * so an export imports back as it is. A column the caller may not write (field-level security, a computed
 * field), two other columns for one field, or a key no column holds refuses the import before anything runs.
 */
import type { Access } from '../access/access.js';
import { type Issue, TesseraError } from '../errors.js';
import type { CompiledField, CompiledObject } from '../model/compiled-model.js';
import { importMessage } from './import-messages.js';
import type { ImportMode } from './import-types.js';

/** A column that fills a field. */
export interface ImportColumn {
  index: number;
  header: string;
  field: CompiledField;
  /** For a lookup: the target's field its cells hold (`id`, its name field or a unique field); else undefined. */
  lookupKey?: string;
}

/** A column left out because another column fills its field by id (an export's name column beside `.id`). */
export interface IgnoredColumn {
  column: string;
  field: string;
  /** The column that fills the field. */
  usedColumn: string;
}

export interface ColumnPlan {
  columns: ImportColumn[];
  /** The column holding the key of update and upsert (`id` or a unique field); undefined for inserts. */
  key: { index: number; field: string } | undefined;
  unmapped: string[];
  uncovered: string[];
  ignored: IgnoredColumn[];
}

export interface MappingRequest {
  object: CompiledObject;
  /** The caller's view of the object: the fields they may see, read-only ones marked so. */
  view: CompiledObject;
  access: Access;
  header: readonly string[];
  mode: ImportMode;
  key?: string | undefined;
  mapping?: Record<string, string> | undefined;
  /** The importer's language, for the refusals. */
  locale: string;
}

const normal = (text: string) => text.toLowerCase().replace(/[\s_]+/g, '');

export function mapColumns(request: MappingRequest): ColumnPlan {
  const { object, header, mode, locale } = request;
  const names = namesOf(object);
  const issues: Issue[] = [];
  const refuse = (header: string, code: string, message: string) =>
    issues.push({
      pointer: `/columns/${header}`,
      code,
      message: importMessage(locale, 'column', { header, message }),
    });
  for (const column of Object.keys(request.mapping ?? {}))
    if (!header.includes(column)) refuse(column, 'unknown_column', importMessage(locale, 'unknownColumn'));
  const keyName = mode === 'insert' ? undefined : (request.key ?? 'id');
  if (keyName !== undefined && keyName !== 'id' && !object.fields.get(keyName)?.unique)
    issues.push({
      pointer: '/key',
      code: 'bad_key',
      message: importMessage(locale, 'badKey', { key: keyName, object: object.apiName }),
    });
  const unmapped: string[] = [];
  /** The columns of each field, in the file's order. */
  const byField = new Map<string, ImportColumn[]>();
  let key: ColumnPlan['key'];
  for (const [index, text] of header.entries()) {
    const explicit =
      request.mapping && Object.hasOwn(request.mapping, text) ? request.mapping[text] : undefined;
    const target = explicit ?? text;
    if (target === '') {
      unmapped.push(text);
      continue;
    }
    if (target === 'id' || (explicit === undefined && normal(text) === 'id')) {
      if (keyName === 'id') key = { index, field: 'id' };
      else if (mode === 'insert') refuse(text, 'id_on_insert', importMessage(locale, 'idOnInsert'));
      else unmapped.push(text);
      continue;
    }
    const [fieldName = '', lookupKey] = splitTarget(target, names, explicit !== undefined);
    const field = object.fields.get(fieldName);
    if (!field) {
      if (explicit !== undefined)
        refuse(
          text,
          'unknown_field',
          importMessage(locale, 'unknownField', { object: object.apiName, field: fieldName }),
        );
      else unmapped.push(text);
      continue;
    }
    const problem = writeProblem(request, field, lookupKey);
    if (problem) {
      refuse(text, problem.code, problem.message);
      continue;
    }
    const column: ImportColumn =
      lookupKey === undefined ? { index, header: text, field } : { index, header: text, field, lookupKey };
    byField.set(field.name, [...(byField.get(field.name) ?? []), column]);
  }
  const columns: ImportColumn[] = [];
  const ignored: IgnoredColumn[] = [];
  for (const [field, same] of byField) {
    const byId = same.filter((c) => c.lookupKey === 'id');
    const used = byId.length === 1 ? (byId[0] as ImportColumn) : (same[0] as ImportColumn);
    columns.push(used);
    for (const other of same) {
      if (other === used) continue;
      if (used.lookupKey === 'id') ignored.push({ column: other.header, field, usedColumn: used.header });
      else
        refuse(
          other.header,
          'duplicate_column',
          importMessage(locale, 'duplicateColumn', { field, column: used.header }),
        );
    }
    if (field === keyName && used.lookupKey === undefined) key = { index: used.index, field };
  }
  columns.sort((a, b) => a.index - b.index);
  if (keyName !== undefined && !key && !issues.some((i) => i.code === 'bad_key'))
    issues.push({
      pointer: '/key',
      code: 'no_key_column',
      message: importMessage(locale, 'noKeyColumn', { key: keyName }),
    });
  if (issues.length)
    throw new TesseraError(
      'invalid_import',
      importMessage(locale, 'columnsRefused', { first: issues[0]?.message ?? '' }),
      issues,
    );
  const uncovered = [...request.view.fields.values()]
    .filter((f) => f.writable && !byField.has(f.name))
    .map((f) => f.name);
  return { columns, key, unmapped, uncovered, ignored };
}

/** Every name a header may use for a field: API name, then labels in every language, normalized. */
function namesOf(object: CompiledObject): Map<string, string> {
  const names = new Map<string, string>();
  for (const field of object.fields.values()) names.set(normal(field.name), field.name);
  for (const field of object.fields.values()) {
    const { label } = field.prop['x-tessera'];
    for (const text of [...Object.values(label ?? {}), field.prop.title ?? ''])
      if (text && !names.has(normal(text))) names.set(normal(text), field.name);
  }
  return names;
}

/** `field` or `field.key`: explicit mappings say API names, headers may say names or labels. */
function splitTarget(
  target: string,
  names: ReadonlyMap<string, string>,
  explicit: boolean,
): [string, string?] {
  const named = (text: string) => (explicit ? text : (names.get(normal(text)) ?? ''));
  const whole = explicit ? undefined : names.get(normal(target));
  if (whole !== undefined) return [whole];
  const dot = target.indexOf('.');
  return dot < 0 ? [named(target)] : [named(target.slice(0, dot)), target.slice(dot + 1).trim()];
}

/** Why the caller may not fill `field` from a column, if they may not. */
function writeProblem(
  { view, access, locale }: MappingRequest,
  field: CompiledField,
  lookupKey: string | undefined,
): { code: string; message: string } | undefined {
  const vars = { field: field.name };
  if (!field.writable) return { code: 'readOnly', message: importMessage(locale, 'computed', vars) };
  const seen = view.fields.get(field.name);
  if (!seen?.writable) return { code: 'readOnly', message: importMessage(locale, 'notEditable', vars) };
  if (lookupKey === undefined) return undefined;
  const { reference } = field;
  if (!reference) return { code: 'not_lookup', message: importMessage(locale, 'notLookup', vars) };
  if (lookupKey === 'id') return undefined;
  const target = reference.object;
  if (!target) {
    // A platform table (users): found by id or by the key its seed files use (e-mail).
    const seedKey = reference.seed?.key;
    return lookupKey === seedKey
      ? undefined
      : {
          code: 'bad_lookup_key',
          message: importMessage(locale, 'userKey', {
            field: field.name,
            keys: seedKey ? `id / ${seedKey}` : 'id',
            key: lookupKey,
          }),
        };
  }
  const targetObject = access.model.object(target);
  const keyField = targetObject.fields.get(lookupKey);
  const isName = lookupKey === targetObject.document['x-tessera'].nameField;
  if (!keyField?.columns || (!keyField.unique && !isName))
    return {
      code: 'bad_lookup_key',
      message: importMessage(locale, 'notUniqueTarget', { target, key: lookupKey }),
    };
  return undefined;
}
