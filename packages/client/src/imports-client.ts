/**
 * Imports (`/imports`) and exports (`/data/{object}/export`), as CONTRACT §9 gives them: a file (CSV or XLSX) is
 * uploaded with its options and imported by a job on the server, whose progress is read until it ends; the rows
 * it refused are all in an errors file. An export is a file streamed by the server.
 */
import { queryString, type Requests } from './request.js';

export type ImportMode = 'insert' | 'update' | 'upsert';
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export type DecimalSeparator = '.' | ',';
/** `enforce`: a row breaking a validation or duplicate rule is refused; `report` (admins): imported, the rule listed. */
export type RuleMode = 'enforce' | 'report';

export interface ImportOptions {
  object: string;
  /** `insert` when not given. */
  mode?: ImportMode;
  /** The unique field (or `id`) an update or upsert finds records by. */
  key?: string;
  /**
   * Column → field (or `<lookup>.<field>`), `''` for a column not imported; by default columns match field API
   * names or labels.
   */
  mapping?: Record<string, string>;
  /** All rows or none (the default); otherwise the good rows are written and the bad ones reported. */
  atomic?: boolean;
  /** Everything checked as a real import would, nothing written. */
  dryRun?: boolean;
  /** How dates like `5/3/2024` are read. */
  dateOrder?: DateOrder;
  /** How numbers like `1.234,56` are read. */
  decimalSeparator?: DecimalSeparator;
  /** The text encoding of a CSV file; by default UTF-8, or GB18030 when the bytes are not UTF-8. */
  encoding?: 'utf-8' | 'gb18030';
  /** `enforce` when not given; `report` is migration mode, for admins. */
  rules?: RuleMode;
}

/** A refused row (or cell) of an import. */
export interface ImportRowError {
  line: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

/** An import job as `GET /imports/{id}` answers it. */
export interface ImportJob {
  id: string;
  status: ImportStatus;
  object: string;
  mode: ImportMode;
  atomic: boolean;
  dryRun: boolean;
  /** Whether rules were enforced or reported (`enforce` when absent: a server from before migration mode). */
  rules?: RuleMode;
  fileName: string;
  /** Data rows in the file; null until the file has been read once. */
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  /**
   * The first errors (at most 100); all of them in the errors file. With rules reported, the rules imported rows
   * break too (code `rule` or `duplicate`).
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

/** What the server reads from a file before importing it: its columns and the field each would fill. */
export interface ImportPreview {
  /** In the file's order; `field` null for a column no field takes. */
  columns: { column: string; field: string | null; lookupKey?: string }[];
  /** Columns that map to no field. */
  unmapped: string[];
  /** Fields the caller may set that no column fills. */
  uncovered: string[];
  /** Columns left out because another column fills their field by id (an export's name column beside `.id`). */
  ignored: { column: string; field: string; usedColumn: string }[];
  /** The first rows, as text. */
  sample: string[][];
}

/** A file to import: a browser's `File` (its name tells the format), or CSV text. */
export type ImportFile = Blob | { name: string; data: Blob } | string;

export interface ImportsClient {
  /** Starts an import job: 202, queued. */
  start(file: ImportFile, options: ImportOptions): Promise<{ id: string; status: ImportStatus }>;
  /** The file's columns, and which field each would fill, without importing anything. */
  preview(file: ImportFile, options: ImportOptions): Promise<ImportPreview>;
  get(id: string): Promise<ImportJob>;
  /** Asks a queued or running import to stop; answers it as it is then. */
  cancel(id: string): Promise<ImportJob>;
  /** Every error of the import as CSV text (line, column, field, code, message). */
  errorsCsv(id: string): Promise<string>;
  /** Where a browser downloads the errors file. */
  errorsUrl(id: string): string;
}

export interface ExportQuery {
  format: 'csv' | 'xlsx';
  /** A list filter, as for `GET /data/{object}`. */
  filter?: Record<string, unknown>;
  /** As for a list: `name,-created_at`. */
  sort?: string;
  /** The columns, in order; every readable field when not given. */
  fields?: readonly string[];
}

export interface ExportsClient {
  /** The export as the server streams it (read `body`, or `arrayBuffer()` for a small one). */
  download(object: string, query: ExportQuery): Promise<Response>;
  /** Where a browser downloads the export (it streams to disk, never held in the page). */
  url(object: string, query: ExportQuery): string;
}

const FINISHED: readonly ImportStatus[] = ['succeeded', 'failed', 'cancelled'];
/** Whether an import has ended (its counts are final). */
export const importFinished = (status: ImportStatus): boolean => FINISHED.includes(status);

/** A multipart form of the file and the options (a `File` keeps its own name: it tells the format). */
function uploadForm(file: Blob | { name: string; data: Blob }, options: ImportOptions): FormData {
  const form = new FormData();
  form.set('options', JSON.stringify(options));
  if (file instanceof Blob) form.set('file', file, 'name' in file ? String(file.name) : 'import.csv');
  else form.set('file', file.data, file.name);
  return form;
}

export function importsClient({ call, send, url }: Requests): ImportsClient {
  const one = (id: string) => `/imports/${encodeURIComponent(id)}`;
  const upload = async <T>(path: string, file: ImportFile, options: ImportOptions): Promise<T> => {
    // Small CSV text goes as JSON; a file as multipart, streamed to the server's disk.
    const answer =
      typeof file === 'string'
        ? await call<{ data: T }>('POST', path, { ...options, csv: file })
        : ((await (await send('POST', path, uploadForm(file, options))).json()) as { data: T });
    return answer.data;
  };
  return {
    start: (file, options) => upload('/imports', file, options),
    preview: (file, options) => upload('/imports/preview', file, options),
    get: async (id) => (await call<{ data: ImportJob }>('GET', one(id))).data,
    cancel: async (id) => (await call<{ data: ImportJob }>('POST', `${one(id)}/cancel`)).data,
    errorsCsv: async (id) => (await send('GET', `${one(id)}/errors.csv`)).text(),
    errorsUrl: (id) => url(`${one(id)}/errors.csv`),
  };
}

export function exportsClient({ send, url }: Requests): ExportsClient {
  const path = (object: string, query: ExportQuery) =>
    `/data/${encodeURIComponent(object)}/export${queryString({
      format: query.format,
      filter: query.filter ? JSON.stringify(query.filter) : undefined,
      sort: query.sort,
      fields: query.fields?.join(','),
    })}`;
  return {
    download: (object, query) => send('GET', path(object, query)),
    url: (object, query) => url(path(object, query)),
  };
}
