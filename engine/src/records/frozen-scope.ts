/**
 * Record scopes compiled once per user, object and metadata version, then replayed. Building and compiling a
 * scope's expression with Kysely costs tens of microseconds, more than fetching a record by id; so its SQL text
 * and parameters are kept and spliced into each query as a fragment whose values stay bound parameters. The
 * text is Kysely's own output for the access module's builder, never anything a caller sent.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Access } from '../access/access.js';
import type { RecordScope } from '../access/record-scope.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { Storage } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';

export type ScopeKind = 'read' | 'edit' | 'delete';

/** Per grant (itself per metadata version): bounded so a workspace with many users cannot grow it forever. */
const cache = new WeakMap<object, Map<string, RecordScope | undefined>>();
const MAX_PER_GRANT = 10_000;
const PLACEHOLDER = /\?|\$\d+/;

/** Reaching at least this share of the records, a user's list reads in order and skips (see record-scope.ts). */
const ORDERED_SCAN_SHARE = 0.02;

function cached(access: Access, key: string, make: () => RecordScope | undefined): RecordScope | undefined {
  const scopes = getOrCreate(cache, access.grant, () => new Map());
  if (scopes.has(key)) return scopes.get(key);
  const scope = make();
  if (scopes.size >= MAX_PER_GRANT) scopes.clear();
  scopes.set(key, scope);
  return scope;
}

/**
 * The caller's scope of `kind` on `object`. `one` is for statements that read one record by id: the variant
 * that probes that record's owner and shares (see record-scope.ts) rather than gathering the caller's reach.
 */
export function frozenScope(
  storage: Storage,
  access: Access,
  object: CompiledObject,
  kind: ScopeKind,
  one = false,
): RecordScope | undefined {
  return cached(access, `${storage.dialect}|${kind}|${one}|${access.subject.userId}|${object.id}`, () => {
    const hints = { probe: one };
    const scope =
      kind === 'read'
        ? access.readScope(object, hints)
        : kind === 'edit'
          ? access.editScope(object, hints)
          : access.deleteScope(object, hints);
    return scope && freeze(storage, object.apiName, scope);
  });
}

/**
 * The read scope of a list. On SQLite, a user who reaches a large share of the records gets the variant that
 * reads in the list's order, decided once from how many users they reach; PostgreSQL plans that itself.
 */
export async function listScope(
  storage: Storage,
  access: Access,
  object: CompiledObject,
): Promise<RecordScope | undefined> {
  const read = frozenScope(storage, access, object, 'read');
  if (!read || storage.dialect !== 'sqlite') return read;
  const key = `list|${access.subject.userId}|${object.id}`;
  const known = getOrCreate(cache, access.grant, () => new Map()).get(key);
  if (known) return known;
  const scan = (await access.reachShare(storage.db)) >= ORDERED_SCAN_SHARE;
  const ordered = scan && access.readScope(object, { orderedScan: true });
  return cached(access, key, () => (ordered ? freeze(storage, object.apiName, ordered) : read));
}

function freeze(storage: Storage, table: string, scope: RecordScope): RecordScope {
  const compiled = storage.db.selectFrom(table).select('id').where(scope).compile();
  const where = compiled.sql.slice(compiled.sql.indexOf(' where ') + ' where '.length);
  const parts = `(${where})`.split(PLACEHOLDER);
  const strings = Object.assign([...parts], { raw: parts }) as unknown as TemplateStringsArray;
  const fragment: RawBuilder<SqlBool> = sql<SqlBool>(strings, ...compiled.parameters);
  return () => fragment;
}
