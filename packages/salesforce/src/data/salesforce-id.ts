/**
 * Salesforce record Ids. The 15-character form is case-sensitive; the 18-character form adds three characters
 * that encode which of the 15 are upper case, so the Id survives tools that ignore case (Excel, Data Loader
 * exports to case-insensitive files). Every Id is kept in its 18-character form, so a record exported once as
 * `0015g00000AbCdE` and once as `0015g00000AbCdEAAV` is the same record.
 */
import { SalesforceDataError } from './data-errors.js';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The three checksum characters of a 15-character Id: one per 5-character chunk, a bit per upper-case letter. */
function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Whether the text has the shape of a 15- or 18-character Id (an 18-character one with a right checksum). */
export function isSalesforceId(text: string): boolean {
  if (ID_15.test(text)) return true;
  return ID_18.test(text) && checksum(text.slice(0, 15)) === text.slice(15).toUpperCase();
}

/**
 * The 18-character form of a 15- or 18-character Id. An 18-character Id whose checksum does not match its
 * first 15 characters was changed in transit (its case lost): refused, since the record it names is unknown.
 */
export function toId18(text: string, where: string): string {
  const id = text.trim();
  if (ID_15.test(id)) return id + checksum(id);
  if (ID_18.test(id)) {
    const expected = checksum(id.slice(0, 15));
    if (expected === id.slice(15).toUpperCase()) return id.slice(0, 15) + expected;
    throw new SalesforceDataError(
      'bad_salesforce_id',
      `${where}: "${id}" is not a Salesforce Id: its last three characters should be ${expected} (was the case of its letters changed?)`,
    );
  }
  throw new SalesforceDataError(
    'bad_salesforce_id',
    `${where}: "${id}" is not a Salesforce Id (15 or 18 letters and digits)`,
  );
}

/** The key prefix: the first three characters, which say the object (001 Account, 003 Contact …). */
export const keyPrefix = (id: string): string => id.slice(0, 3);
