/**
 * A CSV file of an export read as a stream of rows with their line numbers, by the engine's import reader (the
 * one every CSV import goes through: UTF-8 with or without a BOM, or GB18030; quotes as RFC 4180 says; empty
 * lines skipped), its refusals told as this loader's, naming the file.
 */
import { basename } from 'node:path';
import { isTesseraError, openTable, type TableRow, type TableSource } from '@tessera/engine';
import { SalesforceDataError } from './data-errors.js';

/** The reader's refusal (a file that cannot be opened, a quote never closed) as `bad_data_file`, naming the file. */
function badFile(path: string, error: unknown): SalesforceDataError {
  const why = isTesseraError(error)
    ? error.message
    : `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  return new SalesforceDataError('bad_data_file', `${basename(path)}: ${why}`);
}

async function open(path: string): Promise<TableSource> {
  try {
    return await openTable({ path, fileName: basename(path), format: 'csv' });
  } catch (error) {
    if (isTesseraError(error) && error.issues[0]?.code === 'no_header')
      throw new SalesforceDataError('bad_data_file', `${basename(path)}: the file is empty (no header line)`);
    throw badFile(path, error);
  }
}

/** The header's cells, trimmed. */
export async function csvHeader(path: string): Promise<string[]> {
  return (await open(path)).header;
}

/** The rows after the header, each checked to have as many cells as the header. */
export async function* csvRecords(path: string, width: number): AsyncGenerator<TableRow> {
  const chunks = (await open(path)).chunks();
  for (;;) {
    let next: IteratorResult<readonly TableRow[]>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw badFile(path, error);
    }
    if (next.done) return;
    for (const row of next.value) {
      if (row.cells.length !== width)
        throw new SalesforceDataError(
          'bad_data_file',
          `${basename(path)}, line ${row.line}: ${row.cells.length} cells where the header has ${width}`,
        );
      yield row;
    }
  }
}
