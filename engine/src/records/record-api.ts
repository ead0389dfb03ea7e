/**
 * The engine-level record API the runtime calls: validated writes, each in one transaction, and reads that
 * only ever touch the columns of the object's current definition. Each call works on the model it started
 * with, so a metadata change never reaches a call halfway.
 */
import { CompiledQuery } from 'kysely';
import { type Access, accessFor } from '../access/access.js';
import type { RecordScope } from '../access/record-scope.js';
import { type Subject, SYSTEM_SUBJECT } from '../access/subject.js';
import { type Issue, TesseraError } from '../errors.js';
import { applyDefaultFormulas } from '../formulas/default-formulas.js';
import { clockIn } from '../formulas/formula-clock.js';
import { type FormulaScope, fillFormulas, formulaPlan } from '../formulas/formula-values.js';
import { hasStoredFormulas, storedFormulaChanges, storeFormulas } from '../formulas/stored-formula-values.js';
import {
  brokenRules,
  brokenRulesNow,
  hasRules,
  type RuleCheck,
  type RuleVerdict,
  rulesQuery,
} from '../formulas/validation-rules.js';
import { type FieldChange, readFieldChanges, recordFieldChanges } from '../identity/field-history.js';
import { addShare, listShares, removeShare, type Share } from '../identity/shares.js';
import { activeUser } from '../identity/users.js';
import type { CompiledModel, CompiledObject, PreparedWrite, WriteMode } from '../model/compiled-model.js';
import { recordMessage } from '../model/record-messages.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import { uniqueIndexName } from '../model/table-plan.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { ownValue } from '../util/own-value.js';
import { assignAutonumbers, autonumberFields } from './autonumbers.js';
import { referenceIssues } from './check-references.js';
import { afterCursor, encodeCursor } from './cursor.js';
import { dependentPicklistIssues } from './dependent-picklists.js';
import { type DuplicateWarning, findDuplicates } from './duplicate-rules.js';
import { checkExpand, expandRecords } from './expand.js';
import { compileFilter } from './filter.js';
import { frozenScope, listScope, type ScopeKind } from './frozen-scope.js';
import { insertRows } from './insert-statement.js';
import { DEFAULT_LOCALITY, type Locality } from './locality.js';
import { recordsWithinBudget } from './page-budget.js';
import { brokenParentRules, parentsBefore } from './parent-rules.js';
import { queryFields, valueFits } from './query-fields.js';
import { newRecordId } from './record-ids.js';
import { lockParents, type Parents, parentsOf, recountRollups, rollupLinks, rollupStart } from './rollups.js';
import { rowCodec } from './row-codec.js';
import { parseSort, type SortKey } from './sort.js';

export type RecordData = Record<string, unknown>;

export interface WriteContext {
  /** The user on whose behalf the write is made; recorded in created_by / updated_by / owner_id. */
  userId?: string | null;
  /** Where `warn` duplicate rules say that a written record looks like others. */
  warnings?: DuplicateWarning[];
}

export interface ListOptions {
  filter?: unknown;
  sort?: string | readonly SortKey[];
  limit?: number;
  fields?: readonly string[];
}

export interface PageOptions extends ListOptions {
  /** Lookup fields whose records come inline under `_expanded`. */
  expand?: readonly string[];
  /** From the previous page's `nextCursor`; valid only with the same sort. */
  cursor?: string;
  /** Also count every record that matches the filter. */
  count?: boolean;
}

export interface Page {
  data: RecordData[];
  nextCursor: string | null;
  total?: number;
}

/** Where the record API gets its model, and how it learns the model is stale. */
export interface ModelSource {
  current(): CompiledModel;
  /** Loads the workspace's metadata version again (after another process changed it). */
  refresh(): Promise<CompiledModel>;
  /** The metadata version in force, read inside the write's transaction. */
  head(db: AnyDb): Promise<number>;
}

const STALE = new Error('stale model');
const MAX_STALE_RETRIES = 3;

const byIdSql = new WeakMap<CompiledObject, string>();
const scopedByIdSql = new WeakMap<RecordScope, CompiledQuery>();

/**
 * `select <all columns> from <table> where id = ?`, and the caller's scope if any, compiled by Kysely once per
 * object, scope and model version: a get by id is the hottest read and should cost no more for a rep.
 */
function byIdStatement(
  storage: Storage,
  object: CompiledObject,
  columns: readonly string[],
  id: string,
  scope: RecordScope | undefined,
  version: number,
) {
  if (!scope) {
    let text = byIdSql.get(object);
    if (text === undefined) {
      text = storage.db.selectFrom(object.apiName).select(columns).where('id', '=', '').compile().sql;
      storage.prepare(text, String(version));
      byIdSql.set(object, text);
    }
    return CompiledQuery.raw(text, [id]);
  }
  let compiled = scopedByIdSql.get(scope);
  if (!compiled) {
    compiled = storage.db
      .selectFrom(object.apiName)
      .select(columns)
      .where('id', '=', '')
      .where(scope)
      .compile();
    storage.prepare(compiled.sql, String(version));
    scopedByIdSql.set(scope, compiled);
  }
  // The id is the first parameter; the scope's follow it unchanged.
  return CompiledQuery.raw(compiled.sql, [id, ...compiled.parameters.slice(1)]);
}

const columnsByIdSql = new WeakMap<CompiledObject, Map<string, string>>();

/** `select <columns> from <table> where id = ?`, compiled once per object and list of columns. */
function columnsByIdStatement(db: AnyDb, object: CompiledObject, columns: readonly string[], id: string) {
  // Plain lookups, no closures: this runs on every write (tsx names every closure it creates).
  let texts = columnsByIdSql.get(object);
  if (!texts) {
    texts = new Map();
    columnsByIdSql.set(object, texts);
  }
  const key = columns.join(',');
  let text = texts.get(key);
  if (text === undefined) {
    text = db.selectFrom(object.apiName).select(columns).where('id', '=', '').compile().sql;
    texts.set(key, text);
  }
  return CompiledQuery.raw(text, [id]);
}

/** What one read selects and computes (see RecordApi.readPlan). */
interface ReadPlan {
  columns: string[];
  output: string[] | undefined;
  formulas: ReadonlySet<string> | undefined;
}

const wholeReads = new WeakMap<CompiledObject, ReadPlan>();

export const BULK_LIMIT = 1000;

export interface BulkRequest {
  operation: 'create' | 'update' | 'upsert';
  /** For upserts: the unique field that says whether a record exists. */
  upsertKey?: string;
  /** Field values; updates carry the record's `id`. */
  records: readonly unknown[];
}

export interface BulkResult {
  index: number;
  status: 'created' | 'updated';
  data: RecordData;
}

function checkBulkRequest(request: BulkRequest): void {
  const fail = (pointer: string, message: string) => {
    throw new TesseraError('invalid_query', `invalid bulk request: ${message}`, [
      { pointer, code: 'bad_bulk', message },
    ]);
  };
  if (!['create', 'update', 'upsert'].includes(request?.operation))
    fail('/operation', 'operation must be create, update or upsert');
  if (!Array.isArray(request.records) || request.records.length === 0 || request.records.length > BULK_LIMIT)
    fail('/records', `records must be a list of 1 to ${BULK_LIMIT} records`);
}

function checkUpsertKey(object: CompiledObject, key: string | undefined): string {
  const field = key === undefined ? undefined : object.fields.get(key);
  if (!field?.unique)
    throw new TesseraError('invalid_query', `upsertKey must name a unique field of ${object.apiName}`, [
      { pointer: '/upsertKey', code: 'bad_upsert_key', message: 'must name a unique field' },
    ]);
  return field.name;
}

export const LIST_LIMITS = { default: 50, max: 500 } as const;
/** Stays under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (object: CompiledObject, issues: Issue[]) =>
  new TesseraError('validation_failed', `the ${object.apiName} record is not valid`, issues);
const notFound = (object: CompiledObject, id: string) =>
  new TesseraError('record_not_found', `no ${object.apiName} record has id "${id}"`, [], {
    object: object.apiName,
    id,
  });

export class RecordApi {
  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSource,
    /** Whom every call is made for: what they may do and reach is decided by `accessFor`. */
    private readonly subject: Subject = SYSTEM_SUBJECT,
    private readonly locality: Locality = DEFAULT_LOCALITY,
  ) {}

  /** What the formulas of `object` are computed against, now, for this caller. */
  private formulaScope(db: AnyDb, model: CompiledModel, object: CompiledObject): FormulaScope {
    return { db, dialect: this.storage.dialect, model, object, clock: clockIn(this.locality.timeZone) };
  }

  private access(model: CompiledModel = this.models.current()): Access {
    return accessFor(model, this.subject);
  }

  /** The access module's scope for this caller and object, compiled once (see frozen-scope.ts). */
  private scope(
    access: Access,
    object: CompiledObject,
    kind: ScopeKind,
    one = false,
  ): RecordScope | undefined {
    return frozenScope(this.storage, access, object, kind, one);
  }

  async insert(objectName: string, input: unknown, ctx: WriteContext = {}): Promise<RecordData> {
    const [record] = await this.insertMany(objectName, [input], ctx);
    return record as RecordData;
  }

  /** Inserts all records or none: every record is validated before the first row is written. */
  async insertMany(
    objectName: string,
    inputs: readonly unknown[],
    ctx: WriteContext = {},
  ): Promise<RecordData[]> {
    return this.writeFresh(objectName, (object, access) => this.prepareInserts(object, access, inputs, ctx));
  }

  /** Validates and encodes a batch; the returned step writes it. */
  private prepareInserts(
    object: CompiledObject,
    access: Access,
    inputs: readonly unknown[],
    ctx: WriteContext,
    pointerOf: (index: number) => string = (index) => (inputs.length > 1 ? `/${index}` : ''),
  ) {
    const view = access.require('create', object.apiName);
    const codec = rowCodec(object, this.storage.dialect);
    const issues: Issue[] = [];
    const records: RecordData[] = [];
    // Parameters go straight into statement-sized chunks: no giant array to grow, copy and collect.
    const width = codec.columns.length;
    const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / width)) * width;
    const chunks: unknown[][] = [[]];
    const stored = hasStoredFormulas(access.model, object);
    const encode = (record: RecordData) => {
      // Stored formulas last: they read every other value, auto-numbers included.
      if (stored) storeFormulas(access.model, object, [record]);
      if ((chunks.at(-1) as unknown[]).length >= perChunk) chunks.push([]);
      codec.encodeInto(record, chunks.at(-1) as unknown[]);
    };
    // Auto-numbers are taken inside the transaction: such records are encoded there, once they have them.
    const numbered = autonumberFields(object).length > 0;
    const initial = rollupStart(object);
    const start = Object.keys(initial).length ? initial : undefined;
    const clock = clockIn(this.locality.timeZone);
    const { locale } = this.locality;
    const now = new Date(clock.now).toISOString();
    const user = ctx.userId ?? this.subject.userId;
    // One system-values object for the whole batch; only the id changes from record to record.
    const system: RecordData = {
      id: '',
      created_at: now,
      updated_at: now,
      created_by: user,
      updated_by: user,
      owner_id: user,
      version: 1,
    };
    for (const [index, input] of inputs.entries()) {
      const prepared = prepareWrite(access, object, view, input, 'create', locale);
      if (!prepared.issues.length) {
        const defaults = applyDefaultFormulas(object, prepared.values, clock, locale);
        if (defaults.length) prepared.issues = defaults;
      }
      if (prepared.issues.length) {
        for (const issue of prepared.issues)
          issues.push({ ...issue, pointer: `${pointerOf(index)}${issue.pointer}` });
        continue;
      }
      system.id = newRecordId();
      const record = codec.complete(system, start ? { ...start, ...prepared.values } : prepared.values);
      const dependents = dependentPicklistIssues(object, record, pointerOf(index), locale);
      if (dependents.length) {
        issues.push(...dependents);
        continue;
      }
      records.push(record);
      if (!issues.length && !numbered) encode(record);
    }
    if (issues.length) throw invalid(object, issues);
    return async (trx: AnyDb) => {
      await this.checkReferences(trx, object, records, pointerOf);
      if (numbered) {
        await assignAutonumbers(trx, object, records);
        for (const record of records) encode(record);
      }
      const checked = this.checkRules(trx, access, object, records, undefined, pointerOf);
      const computed = checked instanceof Promise ? await checked : checked;
      await this.checkDuplicates(trx, access, object, records, pointerOf, ctx);
      const parents = parentsOf(access.model, object, records);
      await lockParents(this.storage, trx, parents);
      for (const chunk of chunks)
        if (chunk.length) await insertRows(trx, this.storage.dialect, object, codec.columns, chunk);
      await this.recount(trx, access, object, parents);
      await this.writtenFormulas(trx, access, view, records, computed);
      return view === object ? records : records.map((r) => visibleOnly(view, r));
    };
  }

  /** One record by id; `fields` and `expand` as for a page. A record the caller cannot reach is not found. */
  async get(
    objectName: string,
    id: string,
    options: { fields?: readonly string[]; expand?: readonly string[] } = {},
  ): Promise<RecordData> {
    const access = this.access();
    const object = access.require('read', objectName);
    if (!UUID.test(id)) throw notFound(object, id);
    if (options.expand?.length) {
      const { data } = await this.page(objectName, { ...options, filter: { id: { eq: id } }, limit: 1 });
      if (!data[0]) throw notFound(object, id);
      return data[0];
    }
    // The hottest read: straight to the row by primary key; the whole-record statement is built once.
    const codec = rowCodec(object, this.storage.dialect);
    const read = this.readPlan(access, object, options.fields);
    const scope = this.scope(access, object, 'read', true);
    const query = options.fields
      ? this.storage.db
          .selectFrom(object.apiName)
          .select(read.columns)
          .where('id', '=', id)
          .$if(scope !== undefined, (q) => q.where(scope as RecordScope))
          .compile()
      : byIdStatement(this.storage, object, read.columns, id, scope, access.model.version);
    const [row] = (await this.storage.db.executeQuery(query)).rows as Record<string, unknown>[];
    if (!row) throw notFound(object, id);
    const record = codec.decode(row, read.output);
    await this.withFormulas(access, object, read, [row], [record]);
    return record;
  }

  async update(
    objectName: string,
    id: string,
    patch: unknown,
    options: WriteContext & { expectedVersion?: number } = {},
  ): Promise<RecordData> {
    return this.writeFresh(objectName, (object, access) =>
      this.prepareUpdate(object, access, id, patch, options),
    );
  }

  /** Validates a patch; the returned step applies it to the current row, checking its version. */
  private prepareUpdate(
    object: CompiledObject,
    access: Access,
    id: unknown,
    patch: unknown,
    options: WriteContext & { expectedVersion?: number },
    at = '',
  ) {
    const view = access.require('edit', object.apiName);
    const codec = rowCodec(object, this.storage.dialect);
    if (typeof id !== 'string' || !UUID.test(id)) throw notFound(object, String(id));
    const { locale } = this.locality;
    const prepared = prepareWrite(access, object, view, patch, 'update', locale);
    if (prepared.issues.length)
      throw invalid(
        object,
        prepared.issues.map((i) => ({ ...i, pointer: `${at}${i.pointer}` })),
      );
    return async (trx: AnyDb): Promise<RecordData> => {
      const current = await this.reachable(trx, access, object, view, id, 'edit', codec.columns);
      const version = Number(current.version);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version)
        throw new TesseraError(
          'version_conflict',
          `the record is at version ${version}, not ${options.expectedVersion}`,
          [],
          {
            version,
          },
        );
      const values = {
        ...prepared.values,
        updated_at: new Date().toISOString(),
        updated_by: options.userId ?? this.subject.userId,
        version: version + 1,
      };
      const prior = codec.decode(current);
      await this.checkReferences(trx, object, [values], at, [prior]);
      const changes = codec.encode(values);
      const record = codec.decode({ ...current, ...changes });
      Object.assign(changes, storedFormulaChanges(this.storage, access.model, object, record));
      const dependents = dependentPicklistIssues(object, record, at, locale);
      if (dependents.length) throw invalid(object, dependents);
      const checked = this.checkRules(trx, access, object, [record], [prior], () => at);
      const computed = checked instanceof Promise ? await checked : checked;
      await this.checkDuplicates(trx, access, object, [record], () => at, options);
      // Moving a child to another parent changes both parents' roll-ups.
      const parents = parentsOf(access.model, object, [prior, record]);
      await lockParents(this.storage, trx, parents);
      const result = await trx
        .updateTable(object.apiName)
        .set(changes)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw new TesseraError('version_conflict', 'the record was changed by someone else meanwhile', [], {
          version,
        });
      await this.recount(trx, access, object, parents);
      if (object.document['x-tessera'].trackHistory)
        await recordFieldChanges(trx, object, prior, record, values.updated_by);
      await this.writtenFormulas(trx, access, view, [record], computed);
      return view === object ? record : visibleOnly(view, record);
    };
  }

  /**
   * The current row of a record the caller may take the action on, read inside the write's transaction. A
   * record they cannot read is not found; one they read but may not change is forbidden.
   */
  private async reachable(
    trx: AnyDb,
    access: Access,
    object: CompiledObject,
    view: CompiledObject,
    id: string,
    action: 'edit' | 'delete' | 'share',
    columns: readonly string[],
  ): Promise<Record<string, unknown>> {
    const read = this.scope(access, view, 'read', true);
    // Only owners, the managers above them and modify-all users delete a record or decide who else sees it.
    const may = this.scope(access, view, action === 'edit' ? 'edit' : 'delete', true);
    if (read === undefined && may === undefined) {
      // Nothing to check but that it exists (an admin, a token, modify-all): a statement compiled once.
      const [row] = (await trx.executeQuery(columnsByIdStatement(trx, object, columns, id))).rows as Record<
        string,
        unknown
      >[];
      if (!row) throw notFound(object, id);
      return row;
    }
    const row = await trx
      .selectFrom(object.apiName)
      .select(columns)
      .$if(may !== undefined, (q) =>
        q.select((eb) =>
          eb
            .case()
            .when((may as RecordScope)(eb))
            .then(1)
            .else(0)
            .end()
            .as('_may'),
        ),
      )
      .where('id', '=', id)
      .$if(read !== undefined, (q) => q.where(read as RecordScope))
      .executeTakeFirst();
    if (!row) throw notFound(object, id);
    if (may !== undefined && Number(row._may) !== 1)
      throw new TesseraError('forbidden', `you may not ${action} this ${object.apiName} record`);
    delete row._may;
    return row;
  }

  /**
   * Many creates, updates or upserts (by a unique field) in one transaction: all apply or none does, and a
   * refusal names every failing item by its index (`/records/3/name`).
   */
  async bulk(objectName: string, request: BulkRequest, ctx: WriteContext = {}): Promise<BulkResult[]> {
    checkBulkRequest(request);
    return this.writeFresh(objectName, (object, access) => {
      // Every permission the operation may need is checked before any item: an upsert both creates and edits.
      if (request.operation !== 'update') access.require('create', objectName);
      const view = access.require(request.operation === 'create' ? 'read' : 'edit', objectName);
      const key = request.operation === 'upsert' ? checkUpsertKey(view, request.upsertKey) : undefined;
      // Records the caller cannot read do not exist for the lookups below either.
      const scope = this.scope(access, view, 'read');
      return async (trx: AnyDb) => {
        const existing = key
          ? await this.idsByKey(trx, object, scope, key, request.records)
          : new Map<unknown, string>();
        const updatable =
          request.operation === 'update'
            ? await this.existingIds(trx, object, scope, request.records)
            : undefined;
        const creates: { index: number; input: unknown }[] = [];
        const updates: { index: number; run: (trx: AnyDb) => Promise<RecordData> }[] = [];
        const issues: Issue[] = [];
        request.records.forEach((item, index) => {
          const at = `/records/${index}`;
          const keyValue = key ? ownValue(item, key) : undefined;
          const id = request.operation === 'update' ? ownValue(item, 'id') : existing.get(keyValue);
          if (request.operation === 'create' || (request.operation === 'upsert' && id === undefined)) {
            creates.push({ index, input: item });
            return;
          }
          const { id: _, ...patch } = (item ?? {}) as Record<string, unknown>;
          if (updatable && !updatable.has(id as string)) {
            issues.push({
              pointer: `${at}/id`,
              code: 'not_found',
              message: `no ${object.apiName} record has this id`,
            });
            return;
          }
          try {
            updates.push({ index, run: this.prepareUpdate(object, access, id, patch, ctx, at) });
          } catch (error) {
            if (!(error instanceof TesseraError)) throw error;
            issues.push(
              ...(error.issues.length
                ? error.issues
                : [{ pointer: `${at}/id`, code: 'not_found', message: error.message }]),
            );
          }
        });
        let insert: ((trx: AnyDb) => Promise<RecordData[]>) | undefined;
        try {
          insert = this.prepareInserts(
            object,
            access,
            creates.map((c) => c.input),
            ctx,
            (i) => `/records/${creates[i]?.index}`,
          );
        } catch (error) {
          if (!(error instanceof TesseraError)) throw error;
          issues.push(...error.issues);
        }
        if (issues.length)
          throw invalid(
            object,
            issues.sort((a, b) => a.pointer.localeCompare(b.pointer, 'en', { numeric: true })),
          );
        const created = creates.length && insert ? await insert(trx) : [];
        const results: BulkResult[] = created.map((data, i) => ({
          index: creates[i]?.index as number,
          status: 'created',
          data,
        }));
        for (const u of updates) results.push({ index: u.index, status: 'updated', data: await u.run(trx) });
        return results.sort((a, b) => a.index - b.index);
      };
    });
  }

  /** Which of the items' ids name existing records, in one query. */
  private async existingIds(
    trx: AnyDb,
    object: CompiledObject,
    scope: RecordScope | undefined,
    items: readonly unknown[],
  ): Promise<Set<string>> {
    const ids = items
      .map((i) => ownValue(i, 'id'))
      .filter((id): id is string => typeof id === 'string' && UUID.test(id));
    if (!ids.length) return new Set();
    const rows = await trx
      .selectFrom(object.apiName)
      .select('id')
      .where('id', 'in', ids)
      .$if(scope !== undefined, (q) => q.where(scope as RecordScope))
      .execute();
    return new Set(rows.map((r) => String(r.id)));
  }

  /** Existing records' ids by the upsert key's value, in one query. */
  private async idsByKey(
    trx: AnyDb,
    object: CompiledObject,
    scope: RecordScope | undefined,
    key: string,
    items: readonly unknown[],
  ) {
    const codec = rowCodec(object, this.storage.dialect);
    const column = codec.column(key);
    const field = queryFields(object).get(key);
    // Only values the key field can hold are looked up; the others (a list, an object) are refused with the
    // rest of the item when it is validated as a new record.
    const values = items
      .map((i) => ownValue(i, key))
      .filter((v) => v !== undefined && v !== null && field !== undefined && valueFits(field, v));
    const found = new Map<unknown, string>();
    if (!values.length || !column) return found;
    const rows = await trx
      .selectFrom(object.apiName)
      .select(['id', key])
      .where(
        key,
        'in',
        values.map((v) => column.encode(v)),
      )
      .$if(scope !== undefined, (q) => q.where(scope as RecordScope))
      .execute();
    for (const row of rows) found.set(column.decode(row[key]), String(row.id));
    return found;
  }

  async delete(objectName: string, id: string): Promise<void> {
    await this.writeFresh(objectName, (object, access) => {
      const view = access.require('delete', objectName);
      if (!UUID.test(id)) throw notFound(object, id);
      return async (trx: AnyDb) => {
        const links = rollupLinks(access.model, object);
        const row = await this.reachable(trx, access, object, view, id, 'delete', ['id', ...links]);
        const parents = parentsOf(access.model, object, [
          rowCodec(object, this.storage.dialect).decode(row, links),
        ]);
        await lockParents(this.storage, trx, parents);
        const result = await trx.deleteFrom(object.apiName).where('id', '=', id).executeTakeFirst();
        if (Number(result.numDeletedRows) !== 1) throw notFound(object, id);
        await this.recount(trx, access, object, parents);
      };
    });
  }

  /** A page of records in a stable order, with the cursor of the next page and, on request, the total. */
  async page(objectName: string, options: PageOptions = {}): Promise<Page> {
    const access = this.access();
    const object = access.require('read', objectName);
    const codec = rowCodec(object, this.storage.dialect);
    const limit = options.limit ?? LIST_LIMITS.default;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMITS.max)
      throw new TesseraError('invalid_query', `limit must be a whole number from 1 to ${LIST_LIMITS.max}`, [
        { pointer: '/limit', code: 'bad_limit', message: `must be 1 to ${LIST_LIMITS.max}` },
      ]);
    const selected = this.readPlan(access, object, options.fields);
    const sort = parseSort(object, options.sort);
    const expand = options.expand ?? [];
    checkExpand(object, expand);
    // Sort keys and expanded links are read even when not asked for: the next cursor and the expansion need them.
    const read = [...new Set([...selected.columns, ...sort.map((k) => k.field), ...expand])];
    const where =
      options.filter === undefined
        ? undefined
        : compileFilter(object, this.storage, options.filter, this.subject);
    const scope = await listScope(this.storage, access, object);
    let query = this.storage.db.selectFrom(object.apiName).select(read);
    if (scope) query = query.where(scope);
    if (where) query = query.where(where);
    if (options.cursor !== undefined) query = query.where(afterCursor(options.cursor, sort, object, codec));
    // Empty values sort as the largest, on both dialects (PostgreSQL's own order, so its indexes serve the sort).
    for (const key of sort)
      query = query.orderBy(key.field, (ob) =>
        key.direction === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsFirst(),
      );
    // One row more than the page tells whether there is a next page without a second query.
    const compiled = query.limit(limit + 1).compile();
    // An unfiltered page (a list view's first screen, and the next) is worth keeping prepared.
    if (where === undefined && !options.fields)
      this.storage.prepare(compiled.sql, String(access.model.version));
    const rows = (await this.storage.db.executeQuery(compiled)).rows as Record<string, unknown>[];
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(0, limit) : rows;
    const last = pageRows.at(-1);
    const page: Page = {
      data: pageRows.map((row) => codec.decode(row, selected.output)),
      nextCursor: more && last ? encodeCursor(sort, last, codec) : null,
    };
    await this.withFormulas(access, object, selected, pageRows, page.data);
    if (expand.length)
      await expandRecords(
        this.storage.db,
        this.storage.dialect,
        access,
        object,
        page.data,
        pageRows,
        expand,
        (target) => {
          const read = this.readPlan(access, target, undefined);
          return {
            scope: this.scope(access, target, 'read'),
            columns: read.columns,
            finish: (rows, records) => this.withFormulas(access, target, read, rows, records),
          };
        },
      );
    const fit = recordsWithinBudget(page.data);
    if (fit < page.data.length) {
      page.data.length = fit;
      page.nextCursor = encodeCursor(sort, pageRows[fit - 1] as Record<string, unknown>, codec);
    }
    if (options.count) page.total = await this.countWhere(object, scope, where);
    return page;
  }

  /** Field changes of a record of an object with `trackHistory`, for those who may read it, newest first. */
  async history(objectName: string, id: string): Promise<FieldChange[]> {
    const access = this.access();
    const object = access.require('read', objectName);
    if (!UUID.test(id)) throw notFound(object, id);
    const scope = this.scope(access, object, 'read', true);
    const found = await this.storage.db
      .selectFrom(object.apiName)
      .select('id')
      .where('id', '=', id)
      .$if(scope !== undefined, (q) => q.where(scope as RecordScope))
      .executeTakeFirst();
    if (!found) throw notFound(object, id);
    return readFieldChanges(this.storage.db, object, id);
  }

  /** The explicit shares of a record; managed by those who may delete it. */
  async shares(objectName: string, id: string): Promise<Share[]> {
    const { object, view, access } = this.forSharing(objectName, id);
    await this.reachable(this.storage.db, access, object, view, id, 'share', ['id']);
    return listShares(this.storage.db, object.id, id);
  }

  async share(objectName: string, id: string, body: unknown): Promise<Share> {
    const { object, view, access } = this.forSharing(objectName, id);
    return this.storage.transaction(async (trx) => {
      await this.reachable(trx, access, object, view, id, 'share', ['id']);
      return addShare(trx, object.id, id, body, access.model.documents, this.subject.userId);
    });
  }

  async unshare(objectName: string, id: string, shareId: string): Promise<void> {
    const { object, view, access } = this.forSharing(objectName, id);
    await this.storage.transaction(async (trx) => {
      await this.reachable(trx, access, object, view, id, 'share', ['id']);
      await removeShare(trx, object.id, id, shareId);
    });
  }

  /**
   * Gives a record to another active user. Owners are never written with the record (that would let anyone
   * hand records around); this is the one way, for whoever may manage the record's sharing and edit it.
   */
  async transfer(objectName: string, id: string, body: unknown): Promise<RecordData> {
    const newOwner = (body as { ownerId?: unknown } | null)?.ownerId;
    return this.writeFresh(objectName, (object, access) => {
      const view = access.require('edit', objectName);
      if (!UUID.test(id)) throw notFound(object, id);
      if (typeof newOwner !== 'string' || !UUID.test(newOwner))
        throw invalid(object, [
          {
            pointer: '/ownerId',
            code: 'required',
            message: recordMessage(this.locality.locale, 'ownerRequired'),
          },
        ]);
      const codec = rowCodec(object, this.storage.dialect);
      return async (trx: AnyDb) => {
        const current = await this.reachable(trx, access, object, view, id, 'share', codec.columns);
        if (!(await activeUser(trx, newOwner)))
          throw invalid(object, [
            {
              pointer: '/ownerId',
              code: 'unknown_user',
              message: recordMessage(this.locality.locale, 'ownerInactive'),
            },
          ]);
        const changes = codec.encode({
          owner_id: newOwner,
          updated_at: new Date().toISOString(),
          updated_by: this.subject.userId,
          version: Number(current.version) + 1,
        });
        const record = codec.decode({ ...current, ...changes });
        Object.assign(changes, storedFormulaChanges(this.storage, access.model, object, record));
        await trx.updateTable(object.apiName).set(changes).where('id', '=', id).execute();
        await this.writtenFormulas(trx, access, view, [record], undefined);
        return view === object ? record : visibleOnly(view, record);
      };
    });
  }

  private forSharing(objectName: string, id: string) {
    const access = this.access();
    const view = access.require('read', objectName);
    const object = access.model.object(objectName);
    if (!UUID.test(id)) throw notFound(object, id);
    return { access, view, object };
  }

  async list(objectName: string, options: ListOptions = {}): Promise<RecordData[]> {
    return (await this.page(objectName, options)).data;
  }

  /** How many records match the filter (all of them without one). */
  async count(objectName: string, filter?: unknown): Promise<number> {
    const access = this.access();
    const object = access.require('read', objectName);
    return this.countWhere(
      object,
      this.scope(access, object, 'read'),
      filter === undefined ? undefined : compileFilter(object, this.storage, filter, this.subject),
    );
  }

  private async countWhere(
    object: CompiledObject,
    scope: RecordScope | undefined,
    where: RecordScope | undefined,
  ) {
    let query = this.storage.db.selectFrom(object.apiName).select(({ fn }) => fn.countAll().as('n'));
    if (scope) query = query.where(scope);
    if (where) query = query.where(where);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  /**
   * What a read of `view` selects: the stored columns asked for (all without `fields`) plus those its formula
   * fields read, the names to decode, and the formula fields to compute.
   */
  private readPlan(access: Access, view: CompiledObject, fields: readonly string[] | undefined): ReadPlan {
    // The whole record is what most reads ask for: its plan is made once per view of a metadata version.
    if (!fields) return getOrCreate(wholeReads, view, () => this.makeReadPlan(access, view, undefined));
    return this.makeReadPlan(access, view, fields);
  }

  private makeReadPlan(
    access: Access,
    view: CompiledObject,
    fields: readonly string[] | undefined,
  ): ReadPlan {
    const codec = rowCodec(view, this.storage.dialect);
    const known = queryFields(view);
    for (const f of fields ?? [])
      if (!known.has(f) && view.fields.get(f)?.type !== 'formula')
        throw new TesseraError('invalid_query', `"${f}" is not a field of ${view.apiName}`, [
          { pointer: '/fields', code: 'unknown_field', message: `"${f}" is not a field of ${view.apiName}` },
        ]);
    const output = fields ? ['id', ...fields.filter((f) => f !== 'id')] : undefined;
    const columns = output ? output.filter((f) => codec.column(f)) : [...codec.columns];
    // Stored formulas are read like any column; the others are computed.
    const formulas = [...view.fields.values()]
      .filter((f) => f.type === 'formula' && !f.columns && (!output || output.includes(f.name)))
      .map((f) => f.name);
    const plan = formulas.length ? formulaPlan(access.model, access.model.object(view.apiName)) : undefined;
    return {
      columns: plan ? [...new Set([...columns, ...plan.columns])] : columns,
      output,
      formulas: plan ? new Set(formulas) : undefined,
    };
  }

  /** Computes the formula fields a read asked for, from the rows it read (see formula-values.ts). */
  private async withFormulas(
    access: Access,
    view: CompiledObject,
    read: ReadPlan,
    rows: readonly Record<string, unknown>[],
    records: RecordData[],
  ): Promise<void> {
    if (!read.formulas) return;
    const full = access.model.object(view.apiName);
    const codec = rowCodec(full, this.storage.dialect);
    const sources = rows.map((row) => codec.decode(row, read.columns));
    await fillFormulas(
      this.formulaScope(this.storage.db, access.model, full),
      sources,
      records,
      read.formulas,
    );
  }

  /** The formula fields of records just written, from their complete stored values. */
  private async writtenFormulas(
    trx: AnyDb,
    access: Access,
    view: CompiledObject,
    records: RecordData[],
    /** The records with their formulas as the validation rules computed them, if they ran. */
    computed: readonly RecordData[] | undefined,
  ): Promise<void> {
    const names = [...view.fields.values()]
      .filter((f) => f.type === 'formula' && !f.columns)
      .map((f) => f.name);
    if (!names.length) return;
    if (computed) {
      records.forEach((record, i) => {
        for (const name of names) record[name] = computed[i]?.[name] ?? null;
      });
      return;
    }
    const full = access.model.object(view.apiName);
    await fillFormulas(this.formulaScope(trx, access.model, full), records, records, new Set(names));
  }

  /**
   * Prepares a write on the current model and runs it in a write transaction that first checks the model is
   * still the workspace's metadata version. If another process changed the metadata meanwhile, the write is
   * prepared again on the new version, so a stale validator never accepts a now-invalid write.
   */
  private async writeFresh<T>(
    objectName: string,
    prepare: (object: CompiledObject, access: Access) => (trx: AnyDb) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const model = this.models.current();
      let run: (trx: AnyDb) => Promise<T>;
      try {
        run = prepare(model.object(objectName), this.access(model));
      } catch (error) {
        // Refused by this model: but the object or field may exist in a version another process just made.
        if (attempt === MAX_STALE_RETRIES || (await this.models.head(this.storage.db)) === model.version)
          throw error;
        await this.models.refresh();
        continue;
      }
      const object = model.object(objectName);
      try {
        return await this.write(object, async (trx) => {
          if ((await this.models.head(trx)) !== model.version) throw STALE;
          return run(trx);
        });
      } catch (error) {
        if (error !== STALE) throw error;
        if (attempt === MAX_STALE_RETRIES)
          throw new TesseraError(
            'metadata_conflict',
            'the metadata kept changing during this write; try again',
          );
        await this.models.refresh();
      }
    }
  }

  /**
   * The parents' roll-ups over `object` recounted after a write of its records; the parents' rules that read
   * them judged again (see parent-rules.ts), refusing the write when the recount breaks one.
   */
  private async recount(trx: AnyDb, access: Access, object: CompiledObject, parents: Parents): Promise<void> {
    const before = await parentsBefore(trx, this.storage, access.model, object, parents);
    await recountRollups(this.storage, trx, access.model, object, parents);
    if (!before) return;
    const issues = await brokenParentRules(trx, this.storage, access.model, before, this.locality);
    if (issues.length) throw invalid(object, issues);
  }

  /** Runs a write in a transaction and turns constraint violations into errors that name the field. */
  private async write<T>(object: CompiledObject, fn: (trx: AnyDb) => Promise<T>): Promise<T> {
    try {
      return await this.storage.writeTransaction(fn);
    } catch (error) {
      const violation = this.storage.violation(error);
      if (violation?.kind === 'unique') {
        const field = [...object.fields.values()].find(
          (f) => f.name === violation.column || uniqueIndexName(f.id) === violation.constraint,
        );
        const name = field?.name ?? violation.column ?? 'id';
        throw new TesseraError(
          'unique_violation',
          `another ${object.apiName} record already has this ${name}`,
          [{ pointer: `/${name}`, code: 'unique', message: recordMessage(this.locality.locale, 'unique') }],
        );
      }
      if (violation?.kind === 'foreign_key')
        throw new TesseraError(
          'delete_restricted',
          `the ${object.apiName} record is still referenced by other records`,
        );
      throw error;
    }
  }

  /**
   * The object's validation rules over records as they would be stored; any broken one refuses the write.
   * Rules that read only the records are judged at once: a promise only when they must query first.
   */
  private checkRules(
    trx: AnyDb,
    access: Access,
    object: CompiledObject,
    records: readonly RecordData[],
    priors: readonly RecordData[] | undefined,
    pointerOf: (index: number) => string,
  ): RecordData[] | undefined | Promise<RecordData[] | undefined> {
    if (!hasRules(access.model, object)) return undefined;
    const check: RuleCheck = {
      db: trx,
      dialect: this.storage.dialect,
      model: access.model,
      object,
      clock: clockIn(this.locality.timeZone),
      locale: this.locality.locale,
      records,
      pointerOf,
    };
    if (priors) check.priors = priors;
    if (!rulesQuery(access.model, object)) return ruleVerdict(object, brokenRulesNow(check));
    return brokenRules(check).then((verdict) => ruleVerdict(object, verdict));
  }

  /** The object's duplicate rules: `block` ones refuse the write, `warn` ones leave a warning in `ctx`. */
  private async checkDuplicates(
    trx: AnyDb,
    access: Access,
    object: CompiledObject,
    records: readonly RecordData[],
    pointerOf: (index: number) => string,
    ctx: WriteContext,
  ): Promise<void> {
    const { issues, warnings } = await findDuplicates({
      storage: this.storage,
      trx,
      model: access.model,
      object,
      records,
      pointerOf,
      locale: this.locality.locale,
    });
    if (issues.length) throw invalid(object, issues);
    ctx.warnings?.push(...warnings);
  }

  /** Every reference value names a row of its target (see check-references.ts); any that does not refuses the write. */
  private async checkReferences(
    trx: AnyDb,
    object: CompiledObject,
    rows: readonly RecordData[],
    at: string | ((index: number) => string),
    priors?: readonly RecordData[],
  ) {
    const pointerOf = typeof at === 'string' ? () => at : at;
    const issues = await referenceIssues(trx, object, rows, pointerOf, this.locality.locale, priors);
    if (issues.length) throw invalid(object, issues);
  }
}

/** The records as the rules computed them, unless a rule is broken: then the write is refused. */
function ruleVerdict(object: CompiledObject, verdict: RuleVerdict): RecordData[] | undefined {
  if (verdict.issues.length) throw invalid(object, verdict.issues);
  return verdict.computed;
}

/** The full object's validation plus the caller's field-level security, as one list of issues. */
function prepareWrite(
  access: Access,
  object: CompiledObject,
  view: CompiledObject,
  input: unknown,
  mode: WriteMode,
  locale: string,
): PreparedWrite {
  const prepared = object.prepareWrite(input, mode, locale);
  const denied = access.fieldIssues(view, input, locale);
  if (!denied.length) return prepared;
  const pointers = new Set(denied.map((i) => i.pointer));
  return {
    values: prepared.values,
    issues: [...denied, ...prepared.issues.filter((i) => !pointers.has(i.pointer))],
  };
}

/** A record as the caller's view of its object shows it: system fields and the fields they may read. */
function visibleOnly(view: CompiledObject, record: RecordData): RecordData {
  const visible: RecordData = {};
  for (const key in record)
    if (Object.hasOwn(SYSTEM_FIELDS, key) || view.fields.has(key)) visible[key] = record[key];
  return visible;
}
