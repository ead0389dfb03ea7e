/**
 * `tessera import salesforce <sfdx project> --out <dir>`: Salesforce metadata → a Tessera package. A stand-in
 * until the converter (packages/salesforce) is wired here; `tessera import` dispatches to it.
 */
import { CliError } from '../errors.js';
import type { Io } from '../io.js';

export async function runImportSalesforce(_args: string[], _io: Io): Promise<number> {
  throw new CliError('tessera import salesforce is not available in this build yet');
}
