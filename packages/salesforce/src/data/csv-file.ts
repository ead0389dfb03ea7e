/** A CSV file read as a stream of rows with their line numbers (UTF-8, with or without a BOM). */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { SalesforceDataError } from './data-errors.js';

// Rows of the wrong length are let through, to be refused by the reader with their line and the lengths.
const CSV_OPTIONS = { bom: true, skip_empty_lines: true, info: true, relax_column_count: true } as const;

export interface CsvRow {
  line: number;
  cells: string[];
}

/** Every row, the header first. */
export async function* csvRows(path: string): AsyncGenerator<CsvRow> {
  const input = createReadStream(path);
  const parser = input.pipe(parse(CSV_OPTIONS));
  // A file that cannot be opened fails the read stream, which a pipe does not pass on to the parser.
  input.once('error', (error: NodeJS.ErrnoException) =>
    parser.destroy(new Error(`cannot be read (${error.code ?? error.message})`)),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>)
      yield { line: info.lines, cells: record };
  } catch (error) {
    throw new SalesforceDataError('bad_data_file', `${basename(path)}: ${(error as Error).message}`);
  }
}

/** The header's cells, trimmed. */
export async function csvHeader(path: string): Promise<string[]> {
  for await (const row of csvRows(path)) return row.cells.map((c) => c.trim());
  throw new SalesforceDataError('bad_data_file', `${basename(path)}: the file is empty (no header line)`);
}

/** The rows after the header, each checked to have as many cells as the header. */
export async function* csvRecords(path: string, width: number): AsyncGenerator<CsvRow> {
  let first = true;
  for await (const row of csvRows(path)) {
    if (first) {
      first = false;
      continue;
    }
    if (row.cells.length !== width)
      throw new SalesforceDataError(
        'bad_data_file',
        `${basename(path)}, line ${row.line}: ${row.cells.length} cells where the header has ${width}`,
      );
    yield row;
  }
}
