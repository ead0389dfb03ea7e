/**
 * The import tables (migration 0004): an import's row — its options, progress and how far it has committed —
 * and its row errors, in the order they were found.
 */
import type { Subject } from '../access/subject.js';
import type { Locality } from '../records/locality.js';
import type { AnyDb } from '../storage/storage.js';
import type { ImportFile, ImportOptions, ImportRowError, ImportStatus, ImportView } from './import-types.js';
import type { ImportCounts } from './run-import.js';

export const IMPORTS = 'tessera_import';
export const IMPORT_ERRORS = 'tessera_import_error';
/** Errors `get` answers; all of them come from `errorsCsv`. */
export const ERRORS_SHOWN = 100;

export interface ImportRow {
  id: string;
  object: string;
  status: ImportStatus;
  options: string;
  file_name: string;
  file_path: string;
  file_owned: number;
  format: ImportFile['format'];
  /** The locality of whoever started it: its row errors are written in their language. */
  locale: string;
  time_zone: string;
  total: number | string | null;
  processed: number | string;
  created: number | string;
  updated: number | string;
  failed: number | string;
  committed_line: number | string;
  error_code: string | null;
  error_message: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  runner: string | null;
  heartbeat_at: string | null;
}

/** What the import row keeps of how it was started: the options, and whom it runs for. */
export interface StoredOptions {
  options: ImportOptions;
  subject: Subject;
}

export const storedOptions = (row: ImportRow): StoredOptions => JSON.parse(row.options) as StoredOptions;

export const localityOf = (row: ImportRow): Locality => ({ locale: row.locale, timeZone: row.time_zone });

export const fileOf = (row: ImportRow): ImportFile => ({
  path: row.file_path,
  fileName: row.file_name,
  format: row.format,
  owned: Number(row.file_owned) === 1,
});

export const countsOf = (row: ImportRow): ImportCounts => ({
  processed: Number(row.processed),
  created: Number(row.created),
  updated: Number(row.updated),
  failed: Number(row.failed),
});

export async function importRow(db: AnyDb, id: string): Promise<ImportRow | undefined> {
  return (await db.selectFrom(IMPORTS).selectAll().where('id', '=', id).executeTakeFirst()) as
    | ImportRow
    | undefined;
}

export async function insertErrors(db: AnyDb, id: string, errors: readonly ImportRowError[]): Promise<void> {
  if (!errors.length) return;
  const last = await db
    .selectFrom(IMPORT_ERRORS)
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('import_id', '=', id)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  // A few hundred rows per statement: under every driver's parameter limit.
  for (let start = 0; start < errors.length; start += 500)
    await db
      .insertInto(IMPORT_ERRORS)
      .values(
        errors.slice(start, start + 500).map((e) => ({
          import_id: id,
          seq: ++seq,
          line: e.line,
          column_name: e.column,
          field: e.field,
          code: e.code,
          message: e.message,
        })),
      )
      .execute();
}

export async function firstErrors(db: AnyDb, id: string, limit = ERRORS_SHOWN): Promise<ImportRowError[]> {
  const rows = await db
    .selectFrom(IMPORT_ERRORS)
    .select(['line', 'column_name', 'field', 'code', 'message'])
    .where('import_id', '=', id)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toError);
}

export async function* allErrors(db: AnyDb, id: string): AsyncGenerator<ImportRowError> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom(IMPORT_ERRORS)
      .select(['seq', 'line', 'column_name', 'field', 'code', 'message'])
      .where('import_id', '=', id)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    for (const row of rows) yield toError(row);
    if (rows.length < 1000) return;
    after = Number(rows.at(-1)?.seq);
  }
}

const toError = (row: {
  line: unknown;
  column_name: unknown;
  field: unknown;
  code: unknown;
  message: unknown;
}): ImportRowError => ({
  line: Number(row.line),
  column: (row.column_name as string | null) ?? null,
  field: (row.field as string | null) ?? null,
  code: String(row.code),
  message: String(row.message),
});

/** The row as `GET /imports/{id}` shows it; `live` counts (an atomic run in this process) win over stored ones. */
export function importView(row: ImportRow, errors: ImportRowError[], live?: ImportCounts): ImportView {
  const { options } = storedOptions(row);
  const counts = live ?? countsOf(row);
  const start = row.started_at ? Date.parse(row.started_at) : undefined;
  const end = row.finished_at ? Date.parse(row.finished_at) : Date.now();
  const seconds = start === undefined ? 0 : Math.max(end - start, 1) / 1000;
  return {
    id: row.id,
    status: row.status,
    object: row.object,
    mode: options.mode ?? 'insert',
    atomic: options.atomic ?? true,
    dryRun: options.dryRun ?? false,
    rules: options.rules ?? 'enforce',
    fileName: row.file_name,
    total: row.total === null ? null : Number(row.total),
    ...counts,
    errors,
    rate: seconds ? Math.round(counts.processed / seconds) : 0,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
