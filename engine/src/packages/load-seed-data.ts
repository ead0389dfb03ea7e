/**
 * Loads read seed tables inside the install's transaction: each file's lookups resolved to ids by their
 * natural keys (one query per lookup column), then its records inserted through the record API, so seed data
 * passes the same validation, rules, auto-numbers and roll-ups as any other write. A refusal names the file
 * and line, and rolls the whole install back.
 */
import { type Issue, isTesseraError } from '../errors.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { RecordApi, RecordData } from '../records/record-api.js';
import { rowCodec } from '../records/row-codec.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { type SeedLookup, type SeedTable, seedError } from './seed-files.js';

/** Rows inserted per call: the record API chunks statements itself; this bounds the memory of one batch. */
const BATCH = 1000;
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

/** Loads every table; answers how many records each file added. */
export async function loadSeedData(
  tables: readonly SeedTable[],
  ctx: SeedContext,
): Promise<Record<string, number>> {
  const loaded: Record<string, number> = {};
  for (const table of tables) {
    const ids = await Promise.all(table.lookups.map((lookup) => idsByKey(lookup, table, ctx)));
    const issues: Issue[] = [];
    const records = table.rows.map((row) => {
      const record: RecordData = { ...row.values };
      table.lookups.forEach((lookup, i) => {
        const key = row.keys[lookup.field];
        if (key === undefined) return;
        const found = ids[i]?.get(key);
        if (found === undefined || found === AMBIGUOUS)
          issues.push({
            document: table.file,
            pointer: `/${row.line}/${lookup.field}`,
            code: found === AMBIGUOUS ? 'ambiguous_key' : 'unknown_key',
            message: `line ${row.line}, column ${lookup.field}: ${found === AMBIGUOUS ? 'more than one' : 'no'} ${lookup.target} record has ${lookup.key} "${key}"`,
          });
        else record[lookup.field] = found;
      });
      return record;
    });
    if (issues.length) throw seedError(issues);
    for (let start = 0; start < records.length; start += BATCH) {
      const batch = records.slice(start, start + BATCH);
      await ctx.records.insertMany(table.object, batch, { userId: ctx.owner }).catch((error) => {
        throw atLines(error, table, start, batch.length);
      });
    }
    loaded[table.file] = records.length;
  }
  return loaded;
}

const AMBIGUOUS = Symbol('ambiguous');

/** The ids of the target records the table's cells name, by key; a key two records share is ambiguous. */
async function idsByKey(lookup: SeedLookup, table: SeedTable, ctx: SeedContext) {
  const keys = [...new Set(table.rows.flatMap((r) => r.keys[lookup.field] ?? []))];
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

/** A record API refusal of a batch (`/3/amount`) told as the file's lines (`line 5, column amount`). */
function atLines(error: unknown, table: SeedTable, start: number, size: number): unknown {
  if (!isTesseraError(error)) return error;
  const issues = (
    error.issues.length ? error.issues : [{ pointer: '', code: error.code, message: error.message }]
  ).map((issue) => {
    // A batch of one record is refused without its index (`/amount`).
    const pointer = size === 1 ? `/0${issue.pointer}` : issue.pointer;
    const [, index, field = ''] = /^\/(\d+)(?:\/(.*))?$/.exec(pointer) ?? [];
    const row = index === undefined ? undefined : table.rows[start + Number(index)];
    const where = row ? `line ${row.line}${field ? `, column ${field}` : ''}: ` : '';
    return {
      ...issue,
      document: table.file,
      pointer: row ? `/${row.line}${field ? `/${field}` : ''}` : issue.pointer,
      message: `${where}${issue.message}`,
    };
  });
  return seedError(issues);
}
