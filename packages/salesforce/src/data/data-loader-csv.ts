/**
 * Data Loader exports: a folder of CSV files, one per object, named after it (`Account.csv`,
 * `npe03__Recurring_Donation__c.csv`), with a header of field API names in any case (Data Loader writes them
 * upper case) and an `Id` column of 15- or 18-character Ids. Lookup columns hold the Ids of other records, in
 * either form. A `User.csv` (Id, Email) is not loaded: it says whose e-mail each owner Id is. Files are read
 * as streams, a batch of records at a time, and read again for the second pass.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse';
import { SalesforceDataError } from './data-errors.js';
import { toId18 } from './salesforce-id.js';
import { type DataSource, type SourceRecord, type SourceTable, USER_OBJECT } from './source-records.js';

// Rows of the wrong length are let through, to be refused with their line and the lengths (csvTable).
const CSV_OPTIONS = { bom: true, skip_empty_lines: true, info: true, relax_column_count: true } as const;

interface Row {
  line: number;
  cells: string[];
}

async function* rows(path: string): AsyncGenerator<Row> {
  const parser = createReadStream(path).pipe(parse(CSV_OPTIONS));
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

async function header(path: string): Promise<string[]> {
  for await (const row of rows(path)) return row.cells.map((c) => c.trim());
  throw new SalesforceDataError('bad_data_file', `${basename(path)}: the file is empty (no header line)`);
}

const idColumn = (columns: readonly string[], file: string): number => {
  const at = columns.findIndex((c) => c.toLowerCase() === 'id');
  if (at < 0)
    throw new SalesforceDataError(
      'bad_data_file',
      `${file}: no Id column (export the Id of every record: it is how records are found again and linked)`,
    );
  return at;
};

/** One CSV file as a table: the header read once, the records streamed on each read. */
function csvTable(path: string, sobject: string, columns: string[]): SourceTable {
  const file = basename(path);
  const id = idColumn(columns, file);
  return {
    sobject,
    files: [file],
    text: true,
    async *batches(size: number) {
      let batch: SourceRecord[] = [];
      let first = true;
      for await (const { line, cells } of rows(path)) {
        if (first) {
          first = false;
          continue;
        }
        const where = `${file}, line ${line}`;
        if (cells.length !== columns.length)
          throw new SalesforceDataError(
            'bad_data_file',
            `${where}: ${cells.length} cells where the header has ${columns.length}`,
          );
        const values: SourceRecord['values'] = {};
        columns.forEach((column, i) => {
          if (i !== id) values[column] = cells[i] === '' ? null : (cells[i] as string);
        });
        batch.push({ where, key: toId18(cells[id] as string, where), values });
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
}

/** Owner Ids → e-mails, from the export's User file. */
async function userEmails(path: string): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  const columns = await header(path);
  const id = idColumn(columns, basename(path));
  const email = columns.findIndex((c) => c.toLowerCase() === 'email');
  if (email < 0)
    throw new SalesforceDataError('bad_data_file', `${basename(path)}: a User file needs an Email column`);
  let first = true;
  for await (const { line, cells } of rows(path)) {
    if (first) {
      first = false;
      continue;
    }
    const address = cells[email]?.trim();
    if (address) emails.set(toId18(cells[id] ?? '', `${basename(path)}, line ${line}`), address);
  }
  return emails;
}

/** The CSV files of a folder: each `<Object>.csv` a table, `User.csv` the owners' e-mails. */
export async function readDataLoaderFolder(dir: string): Promise<DataSource> {
  const files = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  if (!files.length) throw new SalesforceDataError('bad_data_folder', `${dir}: no CSV files`);
  const tables: SourceTable[] = [];
  let emails = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    const sobject = file.slice(0, -'.csv'.length);
    if (sobject.toLowerCase() === USER_OBJECT.toLowerCase()) emails = await userEmails(path);
    else tables.push(csvTable(path, sobject, await header(path)));
  }
  return { format: 'data-loader', tables, userEmails: emails };
}
