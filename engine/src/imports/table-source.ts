/**
 * A file of rows as the import reads it: a header, then rows of text cells with the file's line number, read
 * again from the start each time they are asked for (a first pass counts and finds duplicate keys, the run
 * reads it once more), and never held whole in memory. Rows come a chunk at a time (what one read of the file
 * holds): one await per chunk rather than per row, which cost a million-row import a second.
 */
import { TesseraError } from '../errors.js';
import { importMessage } from './import-messages.js';
import type { ImportFile, TextEncoding } from './import-types.js';
import { csvTable } from './read-csv.js';
import { xlsxTable } from './read-xlsx.js';

export interface TableRow {
  /** The file's line (CSV: where the record ends; XLSX: the sheet's row number); the header is line 1. */
  line: number;
  cells: string[];
}

export interface TableSource {
  header: string[];
  /** The rows after the header, from the start of the file, each time it is called; no chunk is empty. */
  chunks(): AsyncGenerator<readonly TableRow[]>;
}

/** The file's table; refusals (no header, not CSV or XLSX) in `locale`'s language. */
export async function openTable(
  file: ImportFile,
  encoding?: TextEncoding,
  locale = 'en',
): Promise<TableSource> {
  const table =
    file.format === 'xlsx' ? await xlsxTable(file.path, locale) : await csvTable(file.path, encoding, locale);
  if (!table.header.some((h) => h !== '')) {
    const message = importMessage(locale, 'noHeader', { file: file.fileName });
    throw new TesseraError('invalid_import', message, [{ pointer: '', code: 'no_header', message }]);
  }
  return table;
}
