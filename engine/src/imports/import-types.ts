/**
 * The import jobs' public shapes (CONTRACT §9): what a caller starts an import with, and what it reads back.
 * The runtime's HTTP routes, the CLI and the studio all speak these; the import core (this folder) fills them.
 */
import type { Subject } from '../access/subject.js';
import type { Locality } from '../records/locality.js';

export type ImportMode = 'insert' | 'update' | 'upsert';
export type ImportFormat = 'csv' | 'xlsx';
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export type DecimalSeparator = '.' | ',';
export type TextEncoding = 'utf-8' | 'gb18030';
/**
 * `enforce`: a row that breaks a validation or duplicate rule is refused, as any write is. `report` (migration
 * mode, admins only): the row is written and each rule it breaks is listed with it.
 */
export type RuleMode = 'enforce' | 'report';

/** How cells are read: locale formats of dates and numbers (see FieldTypeDef.fromText). */
export interface CellFormats {
  dateOrder?: DateOrder;
  decimalSeparator?: DecimalSeparator;
}

export interface ImportOptions extends CellFormats {
  /** The object's API name. */
  object: string;
  /** `insert` by default. */
  mode?: ImportMode;
  /** For update and upsert: a unique field, or `id` (the default). */
  key?: string;
  /** Column header → field API name (or `<lookup>.<field>`); wins over the matching by names and labels. */
  mapping?: Record<string, string>;
  /** All rows or none (the default); false: good rows in, bad rows reported, resumable by batch. */
  atomic?: boolean;
  /** Run everything, write nothing, report what a real run would. */
  dryRun?: boolean;
  /** CSV only: the text's encoding; by default UTF-8, or GB18030 when the bytes are not UTF-8. */
  encoding?: TextEncoding;
  /** `enforce` by default; `report` (admins only) writes rows that break rules and lists what they break. */
  rules?: RuleMode;
}

/** The file an import reads: on the server's disk, kept until the import ends. */
export interface ImportFile {
  path: string;
  /** The name the user gave it (shown, never used as a path). */
  fileName: string;
  format: ImportFormat;
  /**
   * The import owns the file and deletes it when it ends (an upload under `<dataDir>/imports/`); false for a
   * file that is the user's own (the CLI's).
   */
  owned?: boolean;
}

/** One row's (or one cell's) problem. `line` is the file's line (the header is line 1); 0 for the whole file. */
export interface ImportRowError {
  line: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

/** What `GET /imports/{id}` answers. */
export interface ImportView {
  id: string;
  status: ImportStatus;
  object: string;
  mode: ImportMode;
  atomic: boolean;
  dryRun: boolean;
  rules: RuleMode;
  fileName: string;
  /** Data rows in the file; null until the file has been read once. */
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  /**
   * The first errors (at most 100); all of them in `errorsCsv`. With rules reported, the rules written rows break
   * are here too (code `rule` or `duplicate`, the message saying the row was imported).
   */
  errors: ImportRowError[];
  /** Rows per second so far (while running) or over the whole run. */
  rate: number;
  /** Why the whole import failed (`interrupted`, a refused column…), null otherwise. */
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** How a file's columns map onto the object's fields, before anything runs (the wizard's suggestions). */
export interface ColumnMappingView {
  columns: { column: string; field: string | null; lookupKey?: string }[];
  /** Columns that map to no field. */
  unmapped: string[];
  /** Writable fields no column covers. */
  uncovered: string[];
  /** Columns left out because another column fills their field by id (an export's name column beside `.id`). */
  ignored: { column: string; field: string; usedColumn: string }[];
  /** The first rows, as text, for a preview. */
  sample: string[][];
}

/** Told after each batch while an import runs in the caller's process (the CLI's progress bar). */
export type ImportProgress = (view: ImportView) => void;

/** `ws.imports`: import jobs of one workspace. */
export interface ImportJobs {
  /**
   * Queues an import; refuses a second queued or running import of the same object (`import_running`). Its row
   * errors are written in the locality's language (English by default), whenever and wherever it runs.
   */
  start(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    locality?: Locality,
  ): Promise<{ id: string; status: ImportStatus }>;
  /** Only the creator or an admin sees an import (`import_not_found` otherwise). */
  get(subject: Subject, id: string): Promise<ImportView>;
  /** Every error as CSV lines (header first: line,column,field,code,message), each ending with `\n`. */
  errorsCsv(subject: Subject, id: string): AsyncIterable<string>;
  /** Stops a queued or running import; a running atomic one writes nothing, a non-atomic keeps its batches. */
  cancel(subject: Subject, id: string): Promise<ImportView>;
  /** Reads the file's header and first rows and maps its columns, changing nothing; refusals in the locality's language. */
  preview(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    locality?: Locality,
  ): Promise<ColumnMappingView>;
  /** Starts an import and runs it here and now (the CLI), telling `onProgress` after each batch. */
  run(
    subject: Subject,
    file: ImportFile,
    options: ImportOptions,
    onProgress?: ImportProgress,
    locality?: Locality,
  ): Promise<ImportView>;
}

/**
 * Runs queued imports in the background, one at a time per object (the runtime starts one per workspace beside
 * its job workers). On start it settles what a crashed process left `running`: an atomic import fails with
 * `interrupted` (its transaction died with the process, nothing was written), a non-atomic one resumes after
 * its last committed batch.
 */
export interface ImportRunnerControl {
  /** Polls for queued imports until stopped; woken at once when this process queues one. */
  start(): void;
  /** Stops polling and waits for the import in hand to reach the end of its current batch. */
  stop(): Promise<void>;
  /** Runs every import due now, to its end (tests; the CLI). */
  runDue(): Promise<number>;
}
