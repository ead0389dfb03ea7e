/**
 * Which export a folder holds: a CumulusCI dataset has a `mapping.yml`; a `sf data export tree` plan (or JSON
 * files of records) is read as a tree export, and its other files (a report's CSV) are left alone; otherwise
 * its CSV files are Data Loader exports.
 */
import { readdir, stat } from 'node:fs/promises';
import { findMapping, readCumulusciDataset } from './cumulusci-dataset.js';
import { SalesforceDataError } from './data-errors.js';
import { readDataLoaderFolder } from './data-loader-csv.js';
import type { DataSource } from './source-records.js';
import { readTreeExport } from './tree-export.js';

export async function readDataFolder(path: string): Promise<DataSource> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new SalesforceDataError('bad_data_folder', `${path}: no such file or folder`);
  if (info.isFile()) {
    if (path.toLowerCase().endsWith('.json')) return readTreeExport(path);
    throw new SalesforceDataError(
      'bad_data_folder',
      `${path}: give a folder, or a tree export's plan (.json)`,
    );
  }
  const names = await readdir(path);
  const mapping = await findMapping(path);
  if (mapping) return readCumulusciDataset(mapping);
  if (names.some((n) => n.toLowerCase().endsWith('.json'))) return readTreeExport(path);
  if (names.some((n) => n.toLowerCase().endsWith('.csv'))) return readDataLoaderFolder(path);
  throw new SalesforceDataError(
    'bad_data_folder',
    `${path}: neither a tree export (a plan or JSON files) nor Data Loader CSV files`,
  );
}
