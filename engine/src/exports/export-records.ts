/**
 * An export: every record of an object a list query matches and the caller may read, as a CSV or XLSX file
 * written to a stream. Prepared first (the query checked, the first page read), so a bad request fails with
 * its error before a byte is written; then written a page at a time.
 */
import type { Writable } from 'node:stream';
import type { Access } from '../access/access.js';
import { TesseraError } from '../errors.js';
import type { RecordApi } from '../records/record-api.js';
import { exportPlan } from './export-columns.js';
import { recordPages } from './export-pages.js';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, sinkFor } from './sinks.js';

export interface ExportOptions {
  format?: ExportFormat;
  /** The list query's filter (a filter object, as `GET /data/{object}` takes it). */
  filter?: unknown;
  /** The list query's sort (`-created_at,name`). */
  sort?: string;
  /** The fields to export; `id` always comes first. All readable fields without it. */
  fields?: readonly string[];
  /** Records read per query (default and most: EXPORT_PAGE); one such page is in memory at a time. */
  pageSize?: number;
}

/** Whom the export is for: what they may see (columns) and their record API (the records). */
export interface ExportCaller {
  access: Access;
  records: RecordApi;
}

export interface PreparedExport {
  format: ExportFormat;
  contentType: string;
  /** `<object>.<format>`, for a download's file name. */
  fileName: string;
  headers: string[];
  /** Writes the file to `out` and ends it; resolves with the number of records written. */
  writeTo(out: Writable): Promise<number>;
}

export function checkFormat(format: unknown): ExportFormat {
  if (EXPORT_FORMATS.includes(format as ExportFormat)) return format as ExportFormat;
  throw new TesseraError('invalid_query', `format must be one of ${EXPORT_FORMATS.join(', ')}`, [
    { pointer: '/format', code: 'bad_format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` },
  ]);
}

export async function prepareExport(
  caller: ExportCaller,
  object: string,
  options: ExportOptions = {},
): Promise<PreparedExport> {
  const format = checkFormat(options.format ?? 'csv');
  const view = caller.access.require('read', object);
  const plan = exportPlan(caller.access, view, options.fields);
  const pages = await recordPages(caller.records, view.apiName, {
    fields: plan.fields,
    references: plan.references,
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(options.sort !== undefined ? { sort: options.sort } : {}),
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
  });
  const headers = plan.columns.map((c) => c.header);
  return {
    format,
    contentType: CONTENT_TYPES[format],
    fileName: `${view.apiName}.${format}`,
    headers,
    async writeTo(out) {
      const sink = await sinkFor(format, out, view.apiName);
      await sink.rows([headers]);
      let written = 0;
      for await (const records of pages()) {
        await sink.rows(records.map((record) => plan.columns.map((c) => c.cell(record))));
        written += records.length;
      }
      await sink.end();
      return written;
    },
  };
}
