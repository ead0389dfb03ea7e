/**
 * Search across objects: the records of every object the caller may read (or of the objects named) whose
 * indexed fields hold every word of the query, a few per object. The same access decision as a list: objects
 * the caller may not read are never asked, each object's query carries the caller's record scope, and only the
 * fields the caller may read are matched and shown.
 */
import type { Access } from '../access/access.js';
import { TesseraError } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { frozenScope } from '../records/frozen-scope.js';
import type { RecordData } from '../records/record-api.js';
import type { Storage } from '../storage/storage.js';
import type { Term } from './search-dialect.js';
import { searchFields } from './search-fields.js';
import { searchDialect, searchTableName } from './search-tables.js';

export interface SearchQuery {
  /** The words to look for: each must occur (in any case) in one of a record's searchable fields. */
  q: string;
  /** The objects to search (API names); all the caller may read when absent. */
  objects?: readonly string[];
  /** Records per object. */
  limit?: number;
}

export interface SearchHit {
  id: string;
  /** The record's name, or null when the caller may not read its name field. */
  name: string | null;
  /** The field the snippet is from: the first whose text holds the most words. */
  field: string;
  /** That field's text around the first word it holds. */
  snippet: string;
}

export interface SearchGroup {
  object: string;
  records: SearchHit[];
}

export const SEARCH_LIMITS = { default: 5, max: 50, queryLength: 200, terms: 8 } as const;

const invalid = (pointer: string, message: string) =>
  new TesseraError('invalid_query', `invalid search: ${message}`, [{ pointer, code: 'invalid', message }]);

/** The query's distinct words, lower-cased. */
export function searchTerms(q: unknown): Term[] {
  const text = typeof q === 'string' ? q.trim() : '';
  if (!text) throw invalid('/q', 'a search needs at least one word to look for');
  if ([...text].length > SEARCH_LIMITS.queryLength)
    throw invalid('/q', `a search is at most ${SEARCH_LIMITS.queryLength} characters long`);
  const terms = [...new Set(text.toLowerCase().split(/\s+/u))];
  if (terms.length > SEARCH_LIMITS.terms)
    throw invalid('/q', `a search looks for at most ${SEARCH_LIMITS.terms} words`);
  return terms;
}

function searchLimit(limit: number | undefined): number {
  if (limit === undefined) return SEARCH_LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.max)
    throw invalid('/limit', `limit must be a whole number from 1 to ${SEARCH_LIMITS.max}`);
  return limit;
}

/** The objects asked: those named (each one the caller must be able to read), or every one they can. */
function objectsToSearch(access: Access, named: readonly string[] | undefined): CompiledObject[] {
  if (named) return [...new Set(named)].map((name) => access.require('read', name));
  return [...access.view.objects.values()].filter((o) => access.can('read', o.apiName));
}

export async function searchRecords(
  storage: Storage,
  access: Access,
  query: SearchQuery,
): Promise<SearchGroup[]> {
  const terms = searchTerms(query.q);
  const limit = searchLimit(query.limit);
  // One query per object, all at once: on PostgreSQL they run side by side on the pool's connections.
  const objects = objectsToSearch(access, query.objects);
  const found = await Promise.all(objects.map((view) => searchObject(storage, access, view, terms, limit)));
  return objects
    .map((view, i) => ({ object: view.apiName, records: found[i] as SearchHit[] }))
    .filter((group) => group.records.length > 0);
}

async function searchObject(
  storage: Storage,
  access: Access,
  view: CompiledObject,
  terms: readonly Term[],
  limit: number,
): Promise<SearchHit[]> {
  const object = access.model.object(view.apiName);
  // Field-level security: a field the caller cannot read is neither matched nor shown.
  const fields = searchFields(object).filter((f) => view.fields.has(f));
  if (!fields.length) return [];
  const table = searchTableName(object.id);
  let select = searchDialect(storage.dialect)
    .matching(storage.db, table, fields, terms)
    .innerJoin(object.apiName, `${object.apiName}.id`, `${table}.record_id`)
    .select([`${table}.record_id as id`, ...fields.map((f) => `${table}.${f} as ${f}`)])
    .limit(limit);
  const scope = frozenScope(storage, access, object, 'read');
  if (scope) select = select.where(scope);
  const rows: RecordData[] = await select.execute();
  const nameField = object.document['x-tessera'].nameField;
  return rows.map((row) => hit(row, fields, terms, view.fields.has(nameField) ? nameField : undefined));
}

function hit(
  row: RecordData,
  fields: readonly string[],
  terms: readonly Term[],
  nameField?: string,
): SearchHit {
  let best = { field: fields[0] as string, count: -1 };
  for (const field of fields) {
    const text = String(row[field] ?? '').toLowerCase();
    const count = terms.filter((t) => text.includes(t)).length;
    if (count > best.count) best = { field, count };
  }
  return {
    id: String(row.id),
    name: nameField ? ((row[nameField] as string | null) ?? null) : null,
    field: best.field,
    snippet: snippet(String(row[best.field] ?? ''), terms),
  };
}

const BEFORE = 30;
const AFTER = 60;

/** The text around the first word it holds, with an ellipsis where it was cut. */
function snippet(text: string, terms: readonly Term[]): string {
  const lower = text.toLowerCase();
  const found = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
  const at = found.length ? Math.min(...found) : 0;
  const start = at > BEFORE ? at - BEFORE : 0;
  const end = Math.min(text.length, at + AFTER);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
