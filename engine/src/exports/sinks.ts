/**
 * Where exported rows go: a CSV or an XLSX file written to a stream as the rows come, so an export of
 * millions of records holds one page at a time. Each waits for the stream to drain before taking more.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadExcel } from '../util/load-excel.js';
import type { Cell } from './cell-text.js';

export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface RowSink {
  /** Writes rows (the header is the first); resolves once the stream can take more. */
  rows(rows: Cell[][]): Promise<void>;
  /** Finishes the file; the stream is ended. */
  end(): Promise<void>;
}

/** Resolves once `out` takes more; fails when it was closed meanwhile (a download the client gave up on). */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('the export stopped: its stream was closed');
  if (!out.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', done).off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => done(new Error('the export stopped: its stream was closed'));
    out.on('drain', done).on('close', closed);
  });
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as RFC 4180 has it: quoted (quotes doubled) when it holds a quote, comma or line break. */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * UTF-8 with a byte order mark (without one Excel reads UTF-8 as the local code page, and Chinese text
 * turns to mojibake), CRLF line ends (RFC 4180). Written here rather than by a CSV library: these few rules
 * are all it takes, and an export writes millions of cells.
 */
function csvSink(out: Writable): RowSink {
  out.write('\uFEFF');
  return {
    async rows(rows) {
      // One string per page, cell by cell: no array of cell texts per row to make, join and collect.
      let text = '';
      for (const row of rows) {
        for (let i = 0; i < row.length; i++)
          text += i ? `,${csvCell(row[i] as Cell)}` : csvCell(row[i] as Cell);
        text += '\r\n';
      }
      out.write(text);
      await drained(out);
    },
    async end() {
      out.end();
      await once(out, 'finish');
    },
  };
}

/** One worksheet named after the object, written by exceljs's streaming writer (no styles, no shared strings). */
async function xlsxSink(out: Writable, sheetName: string): Promise<RowSink> {
  const { default: ExcelJS } = await loadExcel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    async rows(rows) {
      for (const row of rows) sheet.addRow(row).commit();
      await drained(out);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

export const sinkFor = async (format: ExportFormat, out: Writable, sheetName: string): Promise<RowSink> =>
  format === 'csv' ? csvSink(out) : xlsxSink(out, sheetName);
