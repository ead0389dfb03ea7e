/**
 * An XLSX file read as a stream (exceljs's WorkbookReader: the sheet's XML is parsed as it is unzipped, never
 * the whole workbook in memory): its first worksheet, every cell as text. Dates come as ISO dates (with a time
 * and `Z` when they have one: Excel stores no zone), numbers as plain decimals, formulas as their last result.
 */
import { TesseraError } from '../errors.js';
import { loadExcel } from '../util/load-excel.js';
import { importMessage } from './import-messages.js';
import type { TableRow, TableSource } from './table-source.js';

export async function xlsxTable(path: string, locale = 'en'): Promise<TableSource> {
  const first = readRows(path, locale);
  const header = await first.next();
  await first.return(undefined);
  if (header.done) return { header: [], chunks: async function* () {} };
  const width = header.value.cells.length;
  return {
    header: header.value.cells.map((c) => c.trim()),
    chunks: async function* () {
      let isHeader = true;
      let chunk: TableRow[] = [];
      for await (const row of readRows(path, locale)) {
        if (isHeader) isHeader = false;
        else chunk.push({ line: row.line, cells: padded(row.cells, width) });
        if (chunk.length === CHUNK_ROWS) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length) yield chunk;
    },
  };
}

/** Rows handed on together (see TableSource.chunks). */
const CHUNK_ROWS = 500;

/** A sheet row stops at its last non-empty cell: the empty ones after it are cells too. */
const padded = (cells: string[], width: number): string[] =>
  cells.length >= width ? cells : [...cells, ...Array<string>(width - cells.length).fill('')];

async function* readRows(path: string, locale: string): AsyncGenerator<TableRow> {
  const { default: ExcelJS } = await loadExcel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells = values.slice(1).map(cellText);
        if (cells.some((c) => c !== '')) yield { line: row.number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    const why = (error as Error).message;
    throw new TesseraError('invalid_import', importMessage(locale, 'badXlsx', { why }), [
      { pointer: '', code: 'bad_xlsx', message: why },
    ]);
  }
}

/** A cell's value as the text a CSV of it would hold. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as {
      result?: unknown;
      formula?: unknown;
      richText?: { text: string }[];
      text?: unknown;
      error?: unknown;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return String(v.error);
  }
  return String(value);
}

/** Plain decimal notation, never an exponent (`1e-7` → `0.0000001`). */
function numberText(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Excel dates are UTC in exceljs: a date without a time is a calendar day, with one an instant in UTC. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}
