/**
 * Data Loader exports: a folder of CSV files, one per object, named after it (`Account.csv`,
 * `npe03__Recurring_Donation__c.csv`), with a header of field API names in any case (Data Loader writes them
 * upper case) and an `Id` column of 15- or 18-character Ids. Lookup columns hold the Ids of other records, in
 * either form. A `User.csv` (Id, Email) is not loaded: it says whose e-mail each owner Id is; nor is a
 * `RecordType.csv` (Id, DeveloperName): it names the record types `RecordTypeId` holds. Files are read
 * as streams, a batch of records at a time, and read again for the second pass.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { csvHeader, csvRecords } from './csv-file.js';
import { SalesforceDataError } from './data-errors.js';
import { toId18 } from './salesforce-id.js';
import {
  batched,
  type DataSource,
  RECORD_TYPE_OBJECT,
  type SourceRecord,
  type SourceTable,
  USER_OBJECT,
} from './source-records.js';

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
    batches: (size) =>
      batched(
        (async function* () {
          for await (const { line, cells } of csvRecords(path, columns.length)) {
            const where = `${file}, line ${line}`;
            const values: SourceRecord['values'] = {};
            columns.forEach((column, i) => {
              if (i !== id) values[column] = cells[i] === '' ? null : (cells[i] as string);
            });
            yield { where, key: toId18(cells[id] as string, where), values };
          }
        })(),
        size,
      ),
  };
}

/** Id → another column's value, from a file of records that are read, not loaded (users, record types). */
async function idToColumn(path: string, column: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const columns = await csvHeader(path);
  const id = idColumn(columns, basename(path));
  const value = columns.findIndex((c) => c.toLowerCase() === column.toLowerCase());
  if (value < 0)
    throw new SalesforceDataError('bad_data_file', `${basename(path)}: needs a ${column} column`);
  for await (const { line, cells } of csvRecords(path, columns.length)) {
    const text = cells[value]?.trim();
    if (text) found.set(toId18(cells[id] ?? '', `${basename(path)}, line ${line}`), text);
  }
  return found;
}

/** The CSV files of a folder: each `<Object>.csv` a table, `User.csv` the owners' e-mails. */
export async function readDataLoaderFolder(dir: string): Promise<DataSource> {
  const files = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  if (!files.length) throw new SalesforceDataError('bad_data_folder', `${dir}: no CSV files`);
  const tables: SourceTable[] = [];
  let userEmails = new Map<string, string>();
  let recordTypes = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    const sobject = file.slice(0, -'.csv'.length);
    if (sobject.toLowerCase() === USER_OBJECT.toLowerCase()) userEmails = await idToColumn(path, 'Email');
    else if (sobject.toLowerCase() === RECORD_TYPE_OBJECT.toLowerCase())
      recordTypes = await idToColumn(path, 'DeveloperName');
    else tables.push(csvTable(path, sobject, await csvHeader(path)));
  }
  return { format: 'data-loader', tables, userEmails, recordTypes };
}
