/**
 * Loads a package's seed files inside the install's transaction, a batch of rows at a time: each batch's
 * lookups resolved to ids by their natural keys, then its records inserted through the record API, so seed
 * data passes the same validation, rules, auto-numbers and roll-ups as any other write. Every problem of every
 * file is collected in one run (a refused batch is rolled back to its savepoint and its good rows tried
 * again), and any problem refuses the whole install. Between batches the event loop gets a turn, so the
 * server keeps answering while a large file loads; the rows are never all in memory at once.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { type Issue, isTesseraError } from '../errors.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { RecordApi, RecordData } from '../records/record-api.js';
import { rowCodec } from '../records/row-codec.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { csvBatches } from './csv-rows.js';
import {
  readSeedTables,
  type SeedFile,
  type SeedLookup,
  type SeedPlatformLink,
  type SeedRow,
  type SeedTable,
  seedRows,
} from './seed-files.js';
import { SeedProblems } from './seed-problems.js';

/** Rows read, resolved and inserted at a time: bounds the memory of a batch and the time between turns. */
const BATCH = 500;
/** Key values per lookup query, well under every driver's parameter limit. */
const KEYS_PER_QUERY = 500;

export interface SeedContext {
  db: AnyDb;
  storage: Storage;
  model: CompiledModel;
  records: RecordApi;
  /** Who owns and created the records. */
  owner: string | null;
}

/** Loads every file; answers how many records each added, or throws `invalid_seed_data` naming every problem. */
export async function loadSeedData(
  files: readonly SeedFile[],
  ctx: SeedContext,
): Promise<Record<string, number>> {
  const problems = new SeedProblems();
  const unreadable = new Set<string>();
  const loaded: Record<string, number> = {};
  for (const table of readSeedTables(files, ctx.model, problems, unreadable)) {
    let count = 0;
    const onBadRecord = (line: number, message: string) =>
      problems.add({
        document: table.file,
        pointer: `/${line}`,
        code: 'bad_csv',
        message: `line ${line}: ${message}`,
      });
    for await (const batch of csvBatches(table.text, BATCH, onBadRecord)) {
      const rows = await resolveLookups(seedRows(table, batch, problems), table, ctx, problems, unreadable);
      count += await insertRows(rows, table, ctx, problems);
      await nextTurn();
    }
    loaded[table.file] = count;
  }
  if (problems.total) throw problems.error(files.map((f) => f.file));
  return loaded;
}

/**
 * The rows as records, their lookups' keys replaced by ids; rows with a key no record has are left out. Platform
 * links (users by e-mail) naming nobody who may be given are left empty (see SeedPlatformLink).
 */
async function resolveLookups(
  rows: readonly SeedRow[],
  table: SeedTable,
  ctx: SeedContext,
  problems: SeedProblems,
  unreadable: ReadonlySet<string>,
): Promise<{ row: SeedRow; record: RecordData }[]> {
  const ids = await Promise.all(table.lookups.map((lookup) => idsByKey(lookup, rows, ctx)));
  const linked = await Promise.all(table.platformLinks.map((link) => platformIds(link, rows, ctx)));
  return rows.flatMap((row) => {
    const record: RecordData = { ...row.values };
    table.platformLinks.forEach((link, i) => {
      const found = linked[i]?.get(row.keys[link.field] ?? '');
      if (found !== undefined) record[link.field] = found;
    });
    let resolved = true;
    table.lookups.forEach((lookup, i) => {
      const key = row.keys[lookup.field];
      if (key === undefined) return;
      const found = ids[i]?.get(key);
      if (typeof found === 'string') {
        record[lookup.field] = found;
        return;
      }
      resolved = false;
      // The target's own file could not be read: that problem is reported, this row would only repeat it.
      if (unreadable.has(lookup.target)) return;
      problems.add({
        document: table.file,
        pointer: `/${row.line}/${lookup.field}`,
        code: found === AMBIGUOUS ? 'ambiguous_key' : 'unknown_key',
        message: `line ${row.line}, column ${lookup.field}: ${found === AMBIGUOUS ? 'more than one' : 'no'} ${lookup.target} record has ${lookup.key} "${key}"`,
      });
    });
    return resolved ? [{ row, record }] : [];
  });
}

const AMBIGUOUS = Symbol('ambiguous');

/** The ids of the target records the rows' cells name, by key; a key two records share is ambiguous. */
async function idsByKey(lookup: SeedLookup, rows: readonly SeedRow[], ctx: SeedContext) {
  const keys = [...new Set(rows.flatMap((r) => r.keys[lookup.field] ?? []))];
  const target = ctx.model.object(lookup.target);
  const column = rowCodec(target, ctx.storage.dialect).column(lookup.key);
  const found = new Map<string, string | typeof AMBIGUOUS>();
  if (!column) return found;
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY);
    const rows = await ctx.db
      .selectFrom(target.apiName)
      .select(['id', lookup.key])
      .where(
        lookup.key,
        'in',
        chunk.map((k) => column.encode(k)),
      )
      .execute();
    for (const row of rows) {
      const key = String(column.decode(row[lookup.key]));
      found.set(key, found.has(key) ? AMBIGUOUS : String(row.id));
    }
  }
  return found;
}

/** The ids of the platform rows (users) the rows' cells name and that may be given, by key. */
async function platformIds(link: SeedPlatformLink, rows: readonly SeedRow[], ctx: SeedContext) {
  const keys = [...new Set(rows.flatMap((r) => r.keys[link.field] ?? []))];
  const found = new Map<string, string>();
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const rows = await ctx.db
      .selectFrom(link.table)
      .select(['id', link.key])
      .where(link.key, 'in', keys.slice(start, start + KEYS_PER_QUERY))
      .$if(link.mustBeSet !== undefined, (q) => q.where(link.mustBeSet as string, '=', 1))
      .execute();
    for (const row of rows) found.set(String(row[link.key]), String(row.id));
  }
  return found;
}

/**
 * Inserts rows behind a savepoint. A refusal that names its rows is reported, rolled back, and the other rows
 * tried again, so the rows after them are checked against all the good ones; one that names none (a unique
 * index) is narrowed down by halves to the row it is about. Answers how many records were inserted.
 */
async function insertRows(
  rows: readonly { row: SeedRow; record: RecordData }[],
  table: SeedTable,
  ctx: SeedContext,
  problems: SeedProblems,
): Promise<number> {
  if (!rows.length) return 0;
  await sql`savepoint seed_rows`.execute(ctx.db);
  try {
    await ctx.records.insertMany(
      table.object,
      rows.map((r) => r.record),
      { userId: ctx.owner },
    );
    await sql`release savepoint seed_rows`.execute(ctx.db);
    return rows.length;
  } catch (error) {
    await sql`rollback to savepoint seed_rows`.execute(ctx.db);
    await sql`release savepoint seed_rows`.execute(ctx.db);
    if (!isTesseraError(error)) throw error;
    const refused = refusedRows(error.issues, rows.length);
    if (refused.size || rows.length === 1) {
      const issues = error.issues.length
        ? error.issues
        : [{ pointer: '', code: error.code, message: error.message }];
      for (const issue of issues) problems.add(atLine(issue, table, rows));
      return insertRows(
        rows.filter((_, index) => !refused.has(index)),
        table,
        ctx,
        problems,
      );
    }
    const half = Math.ceil(rows.length / 2);
    return (
      (await insertRows(rows.slice(0, half), table, ctx, problems)) +
      (await insertRows(rows.slice(half), table, ctx, problems))
    );
  }
}

/** The batch indexes a refusal names (`/3/amount`; a batch of one is refused without its index). */
function refusedRows(issues: readonly Issue[], size: number): Set<number> {
  if (size === 1) return new Set([0]);
  return new Set(issues.flatMap((i) => /^\/(\d+)/.exec(i.pointer)?.[1] ?? []).map(Number));
}

/** A record API issue about a batch (`/3/amount`) told as the file's line (`line 5, column amount`). */
function atLine(issue: Issue, table: SeedTable, batch: readonly { row: SeedRow }[]): Issue {
  const pointer = batch.length === 1 ? `/0${issue.pointer}` : issue.pointer;
  const [, index, field = ''] = /^\/(\d+)(?:\/(.*))?$/.exec(pointer) ?? [];
  const row = index === undefined ? undefined : batch[Number(index)]?.row;
  const where = row ? `line ${row.line}${field ? `, column ${field}` : ''}: ` : '';
  return {
    ...issue,
    document: table.file,
    pointer: row ? `/${row.line}${field ? `/${field}` : ''}` : issue.pointer,
    message: `${where}${issue.message}`,
  };
}
