/**
 * `tessera import salesforce-data <dir>`: a Salesforce data export loaded into the workspace. A stand-in until
 * the loader (packages/salesforce) is wired here; `tessera import` dispatches to it.
 */
import { CliError } from '../errors.js';
import type { Io } from '../io.js';

export async function runImportSalesforceData(_args: string[], _io: Io): Promise<number> {
  throw new CliError('tessera import salesforce-data is not available in this build yet');
}
