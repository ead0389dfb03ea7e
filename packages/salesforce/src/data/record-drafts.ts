/**
 * One exported record as the values of a write: each column converted into its field's type, the owner found
 * by e-mail, the record type by developer name, Contact and Lead names joined from their parts, and lookups
 * kept as links (the Salesforce keys they name) until a batch's links are resolved together, a query per
 * target object. What cannot be written is the draft's problem, reported with the record.
 */
import type { CompiledObject, RecordApi, RecordData } from '@tessera/engine';
import { SF_ID_FIELD } from '../names.js';
import { idsByKey, recordsByKey } from './resolve-keys.js';
import { toId18 } from './salesforce-id.js';
import { type DataSource, isSourceKey, type SourceRecord, type SourceValue } from './source-records.js';
import { OWNER_COLUMN, type TableMapping } from './table-mapping.js';

/** What drafting needs besides the record: the export's users and record types, the workspace's users. */
export interface DraftContext {
  source: DataSource;
  /** The workspace's active users: lower-cased e-mail → user id. */
  usersByEmail: ReadonlyMap<string, string>;
  /** Told of each owner or user value that names nobody here. */
  userNotFound(): void;
}

/** A record's values for a write, its lookups still as Salesforce keys, or why it cannot be written. */
export interface Draft {
  record: SourceRecord;
  input: Record<string, unknown>;
  links: { field: string; object: string; key: string }[];
  owner: string | undefined;
  problem?: { code: string; message: string };
}

/** Salesforce's record type column: an Id, which the converted field holds as the record type's developer name. */
const RECORD_TYPE_COLUMN = 'RecordTypeId';

/** The developer name of the record type an Id names, when the export says it; else the value as it is. */
function recordTypeName(context: DraftContext, value: SourceValue): SourceValue {
  if (typeof value !== 'string') return value;
  try {
    return context.source.recordTypes.get(toId18(value, RECORD_TYPE_COLUMN)) ?? value;
  } catch {
    return value;
  }
}

/** The workspace user a Salesforce user Id names, by the e-mail the export gives it. */
function userFor(context: DraftContext, value: SourceValue): string | undefined {
  if (value === null || isSourceKey(value)) return undefined;
  let id: string;
  try {
    id = toId18(String(value), OWNER_COLUMN);
  } catch {
    return undefined;
  }
  const email = context.source.userEmails.get(id);
  return email === undefined ? undefined : context.usersByEmail.get(email.toLowerCase());
}

/** A record of the export as the values of a write; its lookups (but the deferred ones) as links to resolve. */
export function draft(
  mapping: TableMapping,
  record: SourceRecord,
  deferred: ReadonlySet<string>,
  context: DraftContext,
): Draft {
  const out: Draft = { record, input: { [SF_ID_FIELD]: record.key }, links: [], owner: undefined };
  const lower = new Map(Object.entries(record.values).map(([name, value]) => [name.toLowerCase(), value]));
  for (let [name, value] of Object.entries(record.values)) {
    if (name.toLowerCase() === OWNER_COLUMN.toLowerCase()) {
      out.owner = userFor(context, value);
      if (value !== null && out.owner === undefined) context.userNotFound();
      continue;
    }
    const column = mapping.column(name);
    if (!column || deferred.has(column.field.name)) continue;
    if (value === null) {
      out.input[column.field.name] = null;
      continue;
    }
    if (name.toLowerCase() === RECORD_TYPE_COLUMN.toLowerCase()) value = recordTypeName(context, value);
    if (column.target === 'users') {
      const user = userFor(context, value);
      if (user === undefined) context.userNotFound();
      out.input[column.field.name] = user ?? null;
      continue;
    }
    if (column.target) {
      addLink(out, name, column.field.name, column.target.object, value);
      continue;
    }
    const converted = column.converter.convert(value as string | number | boolean, mapping.table.text);
    if (!converted.ok) out.problem ??= { code: 'bad_value', message: `${name}: ${converted.message}` };
    else out.input[column.field.name] = converted.value;
  }
  const nameField = mapping.column('Name')?.field.name;
  if (nameField && mapping.nameFrom.length && (out.input[nameField] ?? null) === null) {
    const parts = mapping.nameFrom
      .map((n) => lower.get(n.toLowerCase()))
      .filter((v) => v !== null && v !== undefined);
    if (parts.length) out.input[nameField] = parts.join(' ');
  }
  return out;
}

/**
 * A lookup's value as a link to resolve: a key (from an `@reference`) or a Salesforce Id; an empty value empties
 * the field, an `@reference` to no record of the export or text that is no Id is the record's problem.
 */
export function addLink(d: Draft, name: string, field: string, object: string, value: SourceValue): void {
  if (value === null) {
    d.input[field] = null;
    return;
  }
  if (isSourceKey(value)) {
    d.links.push({ field, object, key: value.key });
    return;
  }
  if (typeof value === 'string' && value.startsWith('@')) {
    d.problem ??= {
      code: 'unknown_reference',
      message: `${name}: no record of the export has referenceId "${value.slice(1)}"`,
    };
    return;
  }
  try {
    d.links.push({ field, object, key: toId18(String(value), name) });
  } catch (error) {
    d.problem ??= { code: 'bad_salesforce_id', message: (error as Error).message };
  }
}

/** Fills each draft's lookups with the ids of the records their keys name; a key naming none is a problem. */
export async function resolveLinks(drafts: Draft[], records: RecordApi): Promise<void> {
  const byObject = new Map<string, Set<string>>();
  for (const d of drafts)
    for (const link of d.links)
      byObject.set(link.object, (byObject.get(link.object) ?? new Set()).add(link.key));
  const ids = new Map<string, Map<string, string>>();
  for (const [object, keys] of byObject) ids.set(object, await idsByKey(records, object, keys));
  for (const d of drafts)
    for (const link of d.links) {
      const id = ids.get(link.object)?.get(link.key);
      if (id !== undefined) d.input[link.field] = id;
      else
        d.problem ??= {
          code: 'unknown_lookup',
          message: `${link.field}: no ${link.object} record has Salesforce Id ${link.key} (it is not in the export, or it was refused)`,
        };
    }
}

/** The records loaded from the drafts' keys before, with the fields the drafts write. */
export function currentRecords(drafts: readonly Draft[], object: string, records: RecordApi) {
  const ready = drafts.filter((d) => !d.problem);
  const fields = new Set(ready.flatMap((d) => Object.keys(d.input)));
  return recordsByKey(
    records,
    object,
    ready.map((d) => d.record.key),
    [...fields],
  );
}

/**
 * Whether a record already holds every value the draft would write, compared as the object would store them
 * (`prepareWrite` normalizes: a phone number's spacing, an id's case), so an unchanged record is seen as one.
 */
export function sameValues(
  object: CompiledObject,
  input: Record<string, unknown>,
  current: RecordData | undefined,
): boolean {
  if (!current) return false;
  const { id: _, ...values } = input;
  const prepared = object.prepareWrite(values, 'update');
  const normalized = prepared.issues.length ? values : prepared.values;
  return Object.entries(normalized).every(
    ([field, value]) => JSON.stringify(value ?? null) === JSON.stringify(current[field] ?? null),
  );
}
