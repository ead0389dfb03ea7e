/**
 * `ws.imports`: the import jobs of one workspace (see import-types.ts). Starting one checks what can be checked
 * at once — the object, the caller's permissions, the file's columns — and queues it; a runner
 * (import-runner.ts), or `run` in the caller's process (the CLI), carries it out: the file scanned for its
 * rows and duplicate keys, then imported (run-import.ts), the progress and errors recorded as it goes.
 */
import { unlink } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { type Access, accessFor } from '../access/access.js';
import type { Subject } from '../access/subject.js';
import { isTesseraError, TesseraError } from '../errors.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { DEFAULT_LOCALITY, type Locality } from '../records/locality.js';
import type { RecordApi } from '../records/record-api.js';
import { newRecordId } from '../records/record-ids.js';
import type { Storage } from '../storage/storage.js';
import { type ColumnPlan, mapColumns } from './column-mapping.js';
import { importMessage } from './import-messages.js';
import {
  type ImportExecutor,
  ImportRunner,
  type ImportRunnerOptions,
  importQueued,
  RUNNING_HERE,
} from './import-runner.js';
import {
  allErrors,
  countsOf,
  fileOf,
  firstErrors,
  IMPORTS,
  type ImportRow,
  importRow,
  importView,
  insertErrors,
  localityOf,
  type StoredOptions,
  storedOptions,
} from './import-store.js';
import type {
  ColumnMappingView,
  ImportFile,
  ImportJobs,
  ImportOptions,
  ImportProgress,
  ImportStatus,
  ImportView,
} from './import-types.js';
import { type ImportCounts, runImport } from './run-import.js';
import { runnerName } from './runner-lease.js';
import { scanFile } from './scan-file.js';
import { openTable, type TableSource } from './table-source.js';

export interface ImportDeps {
  storage: Storage;
  model: () => CompiledModel;
  /**
   * The subject's record API on a storage (the import's transaction), with the workspace's write hooks; its
   * messages in the locality's language.
   */
  records: (storage: Storage, subject: Subject, locality: Locality) => RecordApi;
}

const MODES = ['insert', 'update', 'upsert'];
const SAMPLE_ROWS = 5;

/** Counts of imports running in this process: an atomic one's are in its open transaction, unseen by others. */
const live = new Map<string, ImportCounts>();
/** Imports of this process asked to stop. */
const cancelling = new Set<string>();

/**
 * How often a running atomic import on PostgreSQL says it is alive: far within the runner's staleMs (minutes),
 * and not once per batch, where its round trip cost a tenth of the import's time.
 */
const HEARTBEAT_MS = 5000;

export class WorkspaceImports implements ImportJobs, ImportExecutor {
  readonly #progress = new Map<string, ImportProgress>();

  constructor(private readonly deps: ImportDeps) {}

  get storage(): Storage {
    return this.deps.storage;
  }

  async start(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    locality: Locality = DEFAULT_LOCALITY,
  ): Promise<{ id: string; status: ImportStatus }> {
    await this.prepare(subject, file, options, locality.locale);
    const id = newRecordId();
    const stored: StoredOptions = { options, subject };
    await this.deps.storage.writeTransaction(async (trx) => {
      const busy = await trx
        .selectFrom(IMPORTS)
        .select('id')
        .where('object', '=', options.object)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      if (busy)
        throw new TesseraError(
          'import_running',
          `an import of ${options.object} is already queued or running (${busy.id}); wait for it or cancel it`,
          [],
          { importId: String(busy.id) },
        );
      await trx
        .insertInto(IMPORTS)
        .values({
          id,
          object: options.object,
          status: 'queued',
          options: JSON.stringify(stored),
          file_name: file.fileName,
          file_path: file.path,
          file_owned: file.owned ? 1 : 0,
          format: file.format,
          locale: locality.locale,
          time_zone: locality.timeZone,
          total: null,
          processed: 0,
          created: 0,
          updated: 0,
          failed: 0,
          committed_line: 0,
          created_by: subject.userId,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    importQueued.emit('queued');
    return { id, status: 'queued' };
  }

  async get(subject: Subject, id: string): Promise<ImportView> {
    const row = await this.visible(subject, id);
    return importView(row, await firstErrors(this.deps.storage.db, id), live.get(id));
  }

  async *errorsCsv(subject: Subject, id: string): AsyncIterable<string> {
    await this.visible(subject, id);
    yield stringify([['line', 'column', 'field', 'code', 'message']]);
    for await (const e of allErrors(this.deps.storage.db, id))
      yield stringify([[e.line, e.column ?? '', e.field ?? '', e.code, e.message]]);
  }

  async cancel(subject: Subject, id: string): Promise<ImportView> {
    const row = await this.visible(subject, id);
    if (row.status === 'queued') {
      const cancelled = await this.deps.storage.db
        .updateTable(IMPORTS)
        .set({ status: 'cancelled', finished_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      // Cancelled before a runner took it (else the runner removes it when it stops): it ends here, its upload too.
      if (Number(cancelled.numUpdatedRows) === 1) await removeOwnedFile(row);
    } else if (row.status === 'running') cancelling.add(id);
    return this.get(subject, id);
  }

  async preview(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    locality: Locality = DEFAULT_LOCALITY,
  ): Promise<ColumnMappingView> {
    const { plan, table } = await this.prepare(subject, file, options, locality.locale);
    const sample: string[][] = [];
    for await (const rows of table.chunks()) {
      sample.push(...rows.slice(0, SAMPLE_ROWS - sample.length).map((r) => r.cells));
      if (sample.length === SAMPLE_ROWS) break;
    }
    const byIndex = new Map(plan.columns.map((c) => [c.index, c]));
    return {
      columns: table.header.map((column, index) => {
        const c = byIndex.get(index);
        if (plan.key?.index === index) return { column, field: plan.key.field };
        if (!c) return { column, field: null };
        return c.lookupKey === undefined
          ? { column, field: c.field.name }
          : { column, field: c.field.name, lookupKey: c.lookupKey };
      }),
      unmapped: plan.unmapped,
      uncovered: plan.uncovered,
      ignored: plan.ignored,
      sample,
    };
  }

  async run(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    onProgress?: ImportProgress,
    locality: Locality = DEFAULT_LOCALITY,
  ): Promise<ImportView> {
    const { id } = await this.start(subject, file, options, locality);
    if (onProgress) this.#progress.set(id, onProgress);
    try {
      await this.execute(id, runnerName('run'), () => false);
    } finally {
      this.#progress.delete(id);
    }
    return this.get(subject, id);
  }

  runner(options: ImportRunnerOptions = {}): ImportRunner {
    return new ImportRunner(this, options);
  }

  /**
   * Checks what can be checked before an import runs; answers the mapped columns and the open file. Refusals are
   * in `locale`'s language.
   */
  private async prepare(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    locale: string,
  ): Promise<{ access: Access; object: CompiledObject; plan: ColumnPlan; table: TableSource }> {
    const mode = options.mode ?? 'insert';
    if (!MODES.includes(mode)) {
      const message = importMessage(locale, 'badMode', { mode });
      throw new TesseraError('invalid_import', message, [{ pointer: '/mode', code: 'bad_mode', message }]);
    }
    const rules = options.rules ?? 'enforce';
    if (rules !== 'enforce' && rules !== 'report') {
      const message = importMessage(locale, 'badRules', { rules });
      throw new TesseraError('invalid_import', message, [{ pointer: '/rules', code: 'bad_rules', message }]);
    }
    if (rules === 'report' && !subject.admin)
      throw new TesseraError('forbidden', importMessage(locale, 'rulesForAdmins'));
    const access = accessFor(this.deps.model(), subject);
    const view = access.require(mode === 'update' ? 'edit' : 'create', options.object);
    if (mode === 'upsert') access.require('edit', options.object);
    const object = access.model.object(options.object);
    const table = await openTable(file, options.encoding, locale);
    const plan = mapColumns({
      locale,
      object,
      view,
      access,
      header: table.header,
      mode,
      key: options.key,
      mapping: options.mapping,
    });
    return { access, object, plan, table };
  }

  /** Throws `unknown_import` for an import that does not exist or that the caller did not start (admins see all). */
  private async visible(subject: Subject, id: string): Promise<ImportRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await importRow(this.deps.storage.db, id) : undefined;
    if (!row || (!subject.admin && row.created_by !== subject.userId))
      throw new TesseraError('unknown_import', `there is no import ${id}`);
    return row;
  }

  async execute(id: string, runner: string, stopping: () => boolean): Promise<boolean> {
    const { db } = this.deps.storage;
    const now = () => new Date().toISOString();
    const claimed = await db
      .updateTable(IMPORTS)
      .set({ status: 'running', runner, heartbeat_at: now() })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    RUNNING_HERE.add(id);
    const row = (await importRow(db, id)) as ImportRow;
    if (!row.started_at)
      await db.updateTable(IMPORTS).set({ started_at: now() }).where('id', '=', id).execute();
    const { options, subject } = storedOptions(row);
    const finish = async (status: ImportStatus, set: Record<string, unknown>) =>
      db
        .updateTable(IMPORTS)
        .set({ status, finished_at: now(), runner: null, ...set })
        .where('id', '=', id)
        .execute();
    let requeue = false;
    try {
      const { access, object, plan, table } = await this.prepare(subject, fileOf(row), options, row.locale);
      if (row.total === null) {
        const scan = await scanFile(table, plan, row.locale);
        if (scan.duplicates.length) {
          await insertErrors(db, id, scan.duplicates);
          await finish('failed', {
            total: scan.total,
            failed: scan.duplicates.length,
            error_code: 'duplicate_key',
            error_message: importMessage(row.locale, 'duplicateKeys', { count: scan.duplicates.length }),
          });
          return true;
        }
        await db.updateTable(IMPORTS).set({ total: scan.total }).where('id', '=', id).execute();
      }
      const atomic = options.atomic ?? true;
      const dryRun = options.dryRun ?? false;
      const onProgress = this.#progress.get(id);
      let beaten = Date.now();
      const end = await runImport({
        storage: this.deps.storage,
        access,
        records: (storage) => this.deps.records(storage, subject, localityOf(row)),
        object,
        table,
        plan,
        mode: options.mode ?? 'insert',
        atomic,
        dryRun,
        rules: options.rules ?? 'enforce',
        formats: options,
        locale: row.locale,
        resumeAfter: Number(row.committed_line),
        counts: countsOf(row),
        cancelled: () => cancelling.has(id) || stopping(),
        onBatch: async (report, trx) => {
          live.set(id, report.counts);
          if (trx) {
            await trx
              .updateTable(IMPORTS)
              .set({ ...report.counts, committed_line: report.lastLine, heartbeat_at: now() })
              .where('id', '=', id)
              .execute();
            await insertErrors(trx, id, report.errors);
          } else if (this.deps.storage.dialect === 'postgres' && Date.now() - beaten >= HEARTBEAT_MS) {
            // An atomic import's heartbeat, on a connection of its own, so other runners know it is alive. SQLite
            // has one writer, which the import's own transaction holds: there its runner's name is its lease
            // (runner-lease.ts).
            beaten = Date.now();
            await db.updateTable(IMPORTS).set({ heartbeat_at: now() }).where('id', '=', id).execute();
          }
          if (onProgress) onProgress(importView({ ...row, status: 'running' }, [], report.counts));
        },
      });
      await insertErrors(db, id, end.errors);
      if (end.outcome === 'cancelled' && !cancelling.has(id)) {
        // Stopped with its runner: queued again, to resume (non-atomic) or start over (atomic).
        requeue = true;
        await db.updateTable(IMPORTS).set({ status: 'queued', runner: null }).where('id', '=', id).execute();
        return true;
      }
      const failedRows = end.counts.failed;
      await finish(end.outcome, {
        ...(atomic || dryRun ? end.counts : {}),
        ...(end.outcome === 'failed'
          ? {
              error_code: 'rows_failed',
              error_message: importMessage(row.locale, atomic ? 'rowsFailed' : 'rowsFailedPartly', {
                count: failedRows,
              }),
            }
          : {}),
      });
    } catch (error) {
      await finish('failed', {
        error_code: isTesseraError(error) ? error.code : 'internal',
        error_message: error instanceof Error ? error.message : String(error),
      });
      if (isTesseraError(error) && error.issues.length)
        await insertErrors(
          db,
          id,
          error.issues.map((i) => ({ line: 0, column: null, field: null, code: i.code, message: i.message })),
        );
    } finally {
      RUNNING_HERE.delete(id);
      live.delete(id);
      cancelling.delete(id);
      if (!requeue) await removeOwnedFile(row);
    }
    return true;
  }
}

/** Deletes an ended import's file if it is the import's own (an upload), not the user's (the CLI's). */
async function removeOwnedFile(row: ImportRow): Promise<void> {
  // Already gone is as good as removed.
  if (Number(row.file_owned) === 1) await unlink(row.file_path).catch(() => {});
}
