/**
 * The engine-level record API the runtime calls: validated writes, each in one transaction, and reads that
 * only ever touch the columns of the object's current definition. Each call works on the model it started
 * with, so a metadata change never reaches a call halfway. Writes run as the ordered stages of the write
 * pipeline (see write/pipeline.ts).
 */
import { CompiledQuery } from 'kysely';
import { type Access, accessFor } from '../access/access.js';
import type { RecordScope } from '../access/record-scope.js';
import { type Subject, SYSTEM_SUBJECT } from '../access/subject.js';
import { type Issue, TesseraError } from '../errors.js';
import { clockIn } from '../formulas/formula-clock.js';
import { type FormulaScope, fillFormulas, formulaPlan } from '../formulas/formula-values.js';
import { type FieldChange, readFieldChanges } from '../identity/field-history.js';
import { addShare, listShares, removeShare, type Share } from '../identity/shares.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { recordMessage } from '../model/record-messages.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import { uniqueIndexName } from '../model/table-plan.js';
import { type SearchGroup, type SearchQuery, searchRecords } from '../search/search-records.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { ownValue } from '../util/own-value.js';
import { afterCursor, encodeCursor } from './cursor.js';
import type { DuplicateWarning } from './duplicate-rules.js';
import { checkExpand, expandRecords } from './expand.js';
import { compileFilter } from './filter.js';
import { frozenScope, listScope, type ScopeKind } from './frozen-scope.js';
import { DEFAULT_LOCALITY, type Locality } from './locality.js';
import { recordsWithinBudget } from './page-budget.js';
import { queryFields, valueFits } from './query-fields.js';
import { reachable } from './reachable.js';
import { invalid, notFound, UUID } from './record-errors.js';
import { type RowCodec, rowCodec } from './row-codec.js';
import { parseSort, type SortKey } from './sort.js';
import { afterSave } from './write/after-save.js';
import { prepareClientInput } from './write/client-input.js';
import { CREATE_STAGES, DELETE_STAGES, runStages, TRANSFER_STAGES, UPDATE_STAGES } from './write/pipeline.js';
import { prepareCreate } from './write/prepare-create.js';
import type { InsertRows, Stage, Target, WriteBatch, WriteTransaction } from './write/write-batch.js';
import type { WriteHooks } from './write/write-hooks.js';

export type RecordData = Record<string, unknown>;

export interface WriteContext {
  /** The user on whose behalf the write is made; recorded in created_by / updated_by / owner_id. */
  userId?: string | null;
  /** Where `warn` duplicate rules say that a written record looks like others. */
  warnings?: DuplicateWarning[];
  /** How many automation steps led to this write: 0 (the default) for a user's own; told to the hooks. */
  depth?: number;
  /**
   * Migration mode (admins only): validation rules, `block` duplicate rules and the parents' rules a roll-up
   * recount breaks are judged but do not refuse the write; each broken one is added here, pointing at its
   * record (`/records/3/stage`). For loading historical records the rules came after.
   */
  ruleViolations?: Issue[];
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
/** Records per page of an export: fewer, larger queries (one page in memory at a time all the same). */
export const EXPORT_PAGE = 5000;

/** What a write runs in its transaction, once prepared (see writeFresh). */
type Run<T> = (tx: WriteTransaction) => Promise<T>;

/** What a batch of the pipeline is made of besides its transaction (see RecordApi.batch). */
interface BatchParts {
  operation: WriteBatch['operation'];
  access: Access;
  object: CompiledObject;
  view: CompiledObject;
  codec: RowCodec;
  context: WriteContext;
  actor: string | null;
  hooks: WriteHooks | undefined;
  pointerOf: (index: number) => string;
  records?: RecordData[];
  insert?: InsertRows;
  target?: Omit<Target, 'version' | 'set'>;
}

const atTop = () => '';

export class RecordApi {
  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSource,
    /** Whom every call is made for: what they may do and reach is decided by `accessFor`. */
    private readonly subject: Subject = SYSTEM_SUBJECT,
    private readonly locality: Locality = DEFAULT_LOCALITY,
    /** What other modules (automations) do before and after each write, inside its transaction. */
    private readonly hooks?: WriteHooks,
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

  /** The hooks, when they watch writes of `object`: otherwise the pipeline skips what they would cost. */
  private watching(model: CompiledModel, object: CompiledObject): WriteHooks | undefined {
    return this.hooks?.watches(model, object) ? this.hooks : undefined;
  }

  /**
   * Runs a batch through `stages` in the transaction `tx`; answers its records as the caller's view of the
   * object shows them. The batch is built with every property in one order, so the stages see one shape.
   */
  private async runBatch(
    stages: readonly Stage[],
    parts: BatchParts,
    tx: WriteTransaction,
  ): Promise<RecordData[]> {
    const { target, view, object } = parts;
    if (parts.context.ruleViolations && !this.subject.admin)
      throw new TesseraError(
        'forbidden',
        'only an admin may write records whose rules are reported rather than enforced (migration mode)',
      );
    const batch: WriteBatch = {
      operation: parts.operation,
      tx,
      storage: this.storage,
      access: parts.access,
      object,
      view,
      codec: parts.codec,
      locality: this.locality,
      context: parts.context,
      actor: parts.actor,
      hooks: parts.hooks,
      pointerOf: parts.pointerOf,
      records: parts.records ?? [],
      priors: undefined,
      insert: parts.insert,
      target: target && {
        id: target.id,
        action: target.action,
        expectedVersion: target.expectedVersion,
        values: target.values,
        version: 0,
        set: {},
      },
      computed: undefined,
      parents: undefined,
    };
    await runStages(stages, batch);
    const { records } = batch;
    return view === object ? records : records.map((r) => visibleOnly(view, r));
  }

  /** Validates and encodes a batch; the returned step writes it. */
  private prepareInserts(
    object: CompiledObject,
    access: Access,
    inputs: readonly unknown[],
    ctx: WriteContext,
    pointerOf: (index: number) => string = (index) => (inputs.length > 1 ? `/${index}` : ''),
  ): Run<RecordData[]> {
    const view = access.require('create', object.apiName);
    const hooks = this.watching(access.model, object);
    const actor = ctx.userId ?? this.subject.userId;
    const codec = rowCodec(object, this.storage.dialect);
    const { records, insert } = prepareCreate({
      access,
      object,
      view,
      codec,
      inputs,
      actor,
      locality: this.locality,
      pointerOf,
      watched: hooks !== undefined,
    });
    const parts: BatchParts = {
      operation: 'create',
      access,
      object,
      view,
      codec,
      context: ctx,
      actor,
      hooks,
      pointerOf,
      records,
      insert,
    };
    return (tx) => this.runBatch(CREATE_STAGES, parts, tx);
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
  ): Run<RecordData> {
    const view = access.require('edit', object.apiName);
    if (typeof id !== 'string' || !UUID.test(id)) throw notFound(object, String(id));
    const prepared = prepareClientInput(access, object, view, patch, 'update', this.locality.locale);
    if (prepared.issues.length)
      throw invalid(
        object,
        prepared.issues.map((i) => ({ ...i, pointer: `${at}${i.pointer}` })),
      );
    const parts: BatchParts = {
      operation: 'update',
      access,
      object,
      view,
      codec: rowCodec(object, this.storage.dialect),
      context: options,
      actor: options.userId ?? this.subject.userId,
      hooks: this.watching(access.model, object),
      pointerOf: at ? () => at : atTop,
      target: {
        id,
        action: 'edit',
        values: prepared.values,
        expectedVersion: options.expectedVersion,
      },
    };
    return async (tx) => (await this.runBatch(UPDATE_STAGES, parts, tx))[0] as RecordData;
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
      return async (tx: WriteTransaction) => {
        const { trx } = tx;
        const existing = key
          ? await this.idsByKey(trx, object, scope, key, request.records)
          : new Map<unknown, string>();
        const updatable =
          request.operation === 'update'
            ? await this.existingIds(trx, object, scope, request.records)
            : undefined;
        const creates: { index: number; input: unknown }[] = [];
        const updates: { index: number; run: Run<RecordData> }[] = [];
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
        let insert: Run<RecordData[]> | undefined;
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
        const created = creates.length && insert ? await insert(tx) : [];
        const results: BulkResult[] = created.map((data, i) => ({
          index: creates[i]?.index as number,
          status: 'created',
          data,
        }));
        for (const u of updates) results.push({ index: u.index, status: 'updated', data: await u.run(tx) });
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

  async delete(objectName: string, id: string, ctx: WriteContext = {}): Promise<void> {
    await this.writeFresh(objectName, (object, access) => {
      const view = access.require('delete', objectName);
      if (!UUID.test(id)) throw notFound(object, id);
      const parts: BatchParts = {
        operation: 'delete',
        access,
        object,
        view,
        codec: rowCodec(object, this.storage.dialect),
        context: ctx,
        actor: ctx.userId ?? this.subject.userId,
        hooks: this.watching(access.model, object),
        pointerOf: atTop,
        target: { id, action: 'delete', values: {} },
      };
      return async (tx) => {
        await this.runBatch(DELETE_STAGES, parts, tx);
      };
    });
  }

  /** A page of records in a stable order, with the cursor of the next page and, on request, the total. */
  async page(objectName: string, options: PageOptions = {}): Promise<Page> {
    const limit = options.limit ?? LIST_LIMITS.default;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMITS.max)
      throw new TesseraError('invalid_query', `limit must be a whole number from 1 to ${LIST_LIMITS.max}`, [
        { pointer: '/limit', code: 'bad_limit', message: `must be 1 to ${LIST_LIMITS.max}` },
      ]);
    return this.readPage(objectName, options, limit, true);
  }

  /**
   * A page of an export (exports/): up to EXPORT_PAGE records (by default all of them), read as `page` reads
   * them (access, formulas, `expand`), without the JSON budget of an answer: its records are written out one
   * by one.
   */
  exportPage(objectName: string, options: Omit<PageOptions, 'count'>): Promise<Page> {
    const limit = Math.min(options.limit ?? EXPORT_PAGE, EXPORT_PAGE);
    return this.readPage(objectName, options, Math.max(1, Math.floor(limit)), false);
  }

  private async readPage(
    objectName: string,
    options: PageOptions,
    limit: number,
    budget: boolean,
  ): Promise<Page> {
    const access = this.access();
    const object = access.require('read', objectName);
    const codec = rowCodec(object, this.storage.dialect);
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
    const fit = budget ? recordsWithinBudget(page.data) : page.data.length;
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
    await reachable(this.storage, this.storage.db, access, object, view, id, 'share', ['id']);
    return listShares(this.storage.db, object.id, id);
  }

  async share(objectName: string, id: string, body: unknown): Promise<Share> {
    const { object, view, access } = this.forSharing(objectName, id);
    return this.storage.transaction(async (trx) => {
      await reachable(this.storage, trx, access, object, view, id, 'share', ['id']);
      return addShare(trx, object.id, id, body, access.model.documents, this.subject.userId);
    });
  }

  async unshare(objectName: string, id: string, shareId: string): Promise<void> {
    const { object, view, access } = this.forSharing(objectName, id);
    await this.storage.transaction(async (trx) => {
      await reachable(this.storage, trx, access, object, view, id, 'share', ['id']);
      await removeShare(trx, object.id, id, shareId);
    });
  }

  /**
   * Gives a record to another active user. Owners are never written with the record (that would let anyone
   * hand records around); this is the one way, for whoever may manage the record's sharing and edit it.
   */
  async transfer(objectName: string, id: string, body: unknown, ctx: WriteContext = {}): Promise<RecordData> {
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
      const parts: BatchParts = {
        operation: 'update',
        access,
        object,
        view,
        codec: rowCodec(object, this.storage.dialect),
        context: ctx,
        actor: this.subject.userId,
        hooks: this.watching(access.model, object),
        pointerOf: atTop,
        target: { id, action: 'share', values: { owner_id: newOwner } },
      };
      return async (tx) => (await this.runBatch(TRANSFER_STAGES, parts, tx))[0] as RecordData;
    });
  }

  private forSharing(objectName: string, id: string) {
    const access = this.access();
    const view = access.require('read', objectName);
    const object = access.model.object(objectName);
    if (!UUID.test(id)) throw notFound(object, id);
    return { access, view, object };
  }

  /** Records of the objects the caller may read whose name or searchable fields hold the query's words. */
  async search(query: SearchQuery): Promise<SearchGroup[]> {
    return searchRecords(this.storage, this.access(), query);
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

  /**
   * Prepares a write on the current model and runs it in a write transaction that first checks the model is
   * still the workspace's metadata version. If another process changed the metadata meanwhile, the write is
   * prepared again on the new version, so a stale validator never accepts a now-invalid write. The hooks'
   * after-save closes the transaction.
   */
  private async writeFresh<T>(
    objectName: string,
    prepare: (object: CompiledObject, access: Access) => Run<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const model = this.models.current();
      let run: Run<T>;
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
          const tx: WriteTransaction = { trx, changes: [] };
          const result = await run(tx);
          const saved = afterSave(tx);
          if (saved) await saved;
          return result;
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
}

/** A record as the caller's view of its object shows it: system fields and the fields they may read. */
function visibleOnly(view: CompiledObject, record: RecordData): RecordData {
  const visible: RecordData = {};
  for (const key in record)
    if (Object.hasOwn(SYSTEM_FIELDS, key) || view.fields.has(key)) visible[key] = record[key];
  return visible;
}
