/**
 * Runs an import whose columns are mapped and whose file was scanned: rows read a batch at a time, turned into
 * records, their lookups and keys resolved, and written through the record API with bad rows isolated
 * (write-rows.ts).
 * - atomic (the default): one transaction for the whole file; any bad row rolls all of it back, and every
 *   bad row is reported.
 * - non-atomic: a transaction per batch that also records the progress (`onBatch` gets its connection), so a
 *   restart resumes after the last committed batch and never writes a row twice.
 * - dry run: everything in one transaction that is rolled back; counts and errors are a real run's.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Access } from '../access/access.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { RecordApi } from '../records/record-api.js';
import { UUID } from '../records/record-errors.js';
import { rowCodec } from '../records/row-codec.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { TransactionStorage } from '../storage/transaction-storage.js';
import type { ColumnPlan } from './column-mapping.js';
import { importMessage } from './import-messages.js';
import type { CellFormats, ImportMode, ImportRowError, RuleMode } from './import-types.js';
import { type LookupMemory, resolveLookups } from './resolve-lookups.js';
import { type PendingRow, rowError, rowValues } from './row-values.js';
import type { TableRow, TableSource } from './table-source.js';
import { type RowWrite, writeRows } from './write-rows.js';

export const IMPORT_BATCH = 1000;

export interface ImportCounts {
  processed: number;
  created: number;
  updated: number;
  failed: number;
}

export interface BatchReport {
  counts: ImportCounts;
  /** This batch's errors. */
  errors: readonly ImportRowError[];
  /** The last line of the batch: a resumed import starts after it. */
  lastLine: number;
}

export interface ImportRun {
  storage: Storage;
  access: Access;
  /** The caller's record API on a storage (the import's transaction). */
  records: (storage: Storage) => RecordApi;
  object: CompiledObject;
  table: TableSource;
  plan: ColumnPlan;
  mode: ImportMode;
  atomic: boolean;
  dryRun: boolean;
  rules: RuleMode;
  formats: CellFormats;
  /** The importer's language, for row messages (the record API's own are in it too). */
  locale: string;
  /** A resumed import: lines up to this one were committed already, with `counts`. */
  resumeAfter: number;
  counts: ImportCounts;
  cancelled(): boolean;
  /** After each batch; `db` is the batch's own transaction for a non-atomic import (progress lands with it). */
  onBatch(report: BatchReport, db: AnyDb | undefined): Promise<void>;
}

export interface ImportEnd {
  outcome: 'succeeded' | 'failed' | 'cancelled';
  counts: ImportCounts;
  /**
   * Errors not handed to `onBatch` with a transaction: every error of an atomic run or a dry run (and the rules
   * its written rows break, with rules reported).
   */
  errors: ImportRowError[];
}

const ROLL_BACK = Symbol('roll back');

export async function runImport(run: ImportRun): Promise<ImportEnd> {
  const counts = { ...run.counts };
  const memory: LookupMemory = new Map();
  const single = run.atomic || run.dryRun;
  if (!single) return runByBatch(run, counts, memory);
  const errors: ImportRowError[] = [];
  const reported: ImportRowError[] = [];
  let cancelled = false;
  try {
    await run.storage.writeTransaction(async (trx) => {
      const records = run.records(new TransactionStorage(run.storage, trx));
      for await (const batch of batches(run.table, run.resumeAfter)) {
        const found = await importBatch(run, trx, records, batch, counts, memory);
        errors.push(...found.errors);
        reported.push(...found.reported);
        await run.onBatch({ counts: { ...counts }, errors: found.all, lastLine: lastLine(batch) }, undefined);
        if (run.cancelled()) {
          cancelled = true;
          break;
        }
        await nextTurn();
      }
      if (cancelled || run.dryRun || (run.atomic && errors.length)) throw ROLL_BACK;
    });
  } catch (error) {
    if (error !== ROLL_BACK) throw error;
  }
  // An atomic run with a bad row writes nothing (what a dry run of it reports too); a cancelled one neither.
  if ((run.atomic && errors.length) || cancelled) Object.assign(counts, { created: 0, updated: 0 });
  const outcome = cancelled ? 'cancelled' : errors.length && run.atomic ? 'failed' : 'succeeded';
  // What rows that were rolled back break is no news: they are not in.
  const kept = run.atomic && errors.length ? [] : reported;
  return { outcome, counts, errors: byLine([...errors, ...kept]) };
}

async function runByBatch(run: ImportRun, counts: ImportCounts, memory: LookupMemory): Promise<ImportEnd> {
  for await (const batch of batches(run.table, run.resumeAfter)) {
    await run.storage.writeTransaction(async (trx) => {
      const records = run.records(new TransactionStorage(run.storage, trx));
      const { all } = await importBatch(run, trx, records, batch, counts, memory);
      await run.onBatch({ counts: { ...counts }, errors: all, lastLine: lastLine(batch) }, trx);
    });
    if (run.cancelled()) return { outcome: 'cancelled', counts, errors: [] };
    await nextTurn();
  }
  return { outcome: 'succeeded', counts, errors: [] };
}

const lastLine = (batch: readonly TableRow[]) => batch.at(-1)?.line ?? 0;

async function* batches(table: TableSource, after: number): AsyncGenerator<TableRow[]> {
  let batch: TableRow[] = [];
  for await (const rows of table.chunks()) {
    for (const row of rows) {
      if (row.line <= after) continue;
      batch.push(row);
      if (batch.length === IMPORT_BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

const byLine = (errors: ImportRowError[]) => errors.sort((a, b) => a.line - b.line);

/**
 * One batch, in the transaction `db`: its counts added to `counts`; answers its errors, the rules its written rows
 * break (rules reported), and both by line.
 */
async function importBatch(
  run: ImportRun,
  db: AnyDb,
  records: RecordApi,
  batch: readonly TableRow[],
  counts: ImportCounts,
  memory: LookupMemory,
): Promise<{ errors: ImportRowError[]; reported: ImportRowError[]; all: ImportRowError[] }> {
  const errors: ImportRowError[] = [];
  const violations: ImportRowError[] | undefined = run.rules === 'report' ? [] : undefined;
  const { plan, object } = run;
  const valued = rowValues(batch, plan, run.table.header.length, run.formats, run.locale, errors);
  const resolved = await resolveLookups(
    valued,
    plan,
    {
      db,
      storage: run.storage,
      access: run.access,
      formats: run.formats,
      locale: run.locale,
      object: object.apiName,
      memory,
    },
    errors,
  );
  const { creates, updates } = await splitByKey(run, db, resolved, errors);
  const columnOf = (field: string) => plan.columns.find((c) => c.field.name === field)?.header ?? null;
  const target = { db, records, object: object.apiName, columnOf, ...(violations ? { violations } : {}) };
  const created = await writeRows(creates, { ...target, operation: 'create' }, errors);
  const updated = await writeRows(updates, { ...target, operation: 'update' }, errors);
  counts.processed += batch.length;
  counts.created += created;
  counts.updated += updated;
  counts.failed += batch.length - created - updated;
  const reported = (violations ?? []).map((v) => ({
    ...v,
    message: importMessage(run.locale, 'ruleReported', { message: v.message }),
  }));
  return { errors, reported, all: byLine([...errors, ...reported]) };
}

/** Which rows create records and which update them (with their ids), by the mode and the key. */
async function splitByKey(
  run: ImportRun,
  db: AnyDb,
  rows: readonly PendingRow[],
  errors: ImportRowError[],
): Promise<{ creates: RowWrite[]; updates: RowWrite[] }> {
  const { plan, mode, object } = run;
  if (mode === 'insert' || !plan.key) return { creates: rows.map(toWrite), updates: [] };
  const key = plan.key;
  const ids = await existingIds(run, db, rows);
  const creates: RowWrite[] = [];
  const updates: RowWrite[] = [];
  const keyColumn = { header: run.table.header[key.index] ?? key.field, field: { name: key.field } };
  for (const row of rows) {
    const id = ids.get(keyText(run, row));
    if (id !== undefined) updates.push({ line: row.line, record: { ...row.values, id } });
    else if (mode === 'upsert' && (key.field !== 'id' || row.key === '')) creates.push(toWrite(row));
    else
      errors.push(
        row.key === ''
          ? rowError(
              row.line,
              keyColumn,
              'required',
              importMessage(run.locale, 'emptyKey', { key: key.field }),
            )
          : rowError(
              row.line,
              keyColumn,
              'not_found',
              importMessage(run.locale, 'notFound', {
                object: object.apiName,
                key: key.field,
                value: row.key,
              }),
            ),
      );
  }
  return { creates, updates };
}

const toWrite = (row: PendingRow): RowWrite => ({ line: row.line, record: row.values });

/** The key as compared with stored values: ids in lower case, a field's value as its column stores it. */
function keyText(run: ImportRun, row: PendingRow): string {
  const field = run.plan.key?.field;
  if (field === 'id') return row.key.toLowerCase();
  const column = rowCodec(run.object, run.storage.dialect).column(field ?? '');
  const value = field === undefined ? undefined : row.values[field];
  return value === undefined || !column ? '' : String(column.encode(value));
}

/** The ids of the records the rows' keys name, by key text, in one query. */
async function existingIds(
  run: ImportRun,
  db: AnyDb,
  rows: readonly PendingRow[],
): Promise<Map<string, string>> {
  const field = run.plan.key?.field ?? 'id';
  const column = rowCodec(run.object, run.storage.dialect).column(field);
  const values =
    field === 'id'
      ? rows.map((r) => r.key.toLowerCase()).filter((k) => UUID.test(k))
      : rows.flatMap((r) =>
          r.values[field] === undefined || !column ? [] : [column.encode(r.values[field])],
        );
  const found = new Map<string, string>();
  for (let start = 0; start < values.length; start += IMPORT_BATCH) {
    const rows = await db
      .selectFrom(run.object.apiName)
      .select(['id', `${field} as key`])
      .where(field, 'in', values.slice(start, start + IMPORT_BATCH))
      .execute();
    for (const row of rows) found.set(String(row.key), String(row.id));
  }
  return found;
}
