/**
 * Exported Salesforce records as the readers hand them to the loader, whatever the file format: grouped by
 * object, each record with its key (its 18-character Id, or the export's reference id when the export has
 * no Ids) and its values by Salesforce field name. A reference to another record of the export is already a
 * key (`{ key }`), so the loader never needs to know how the file linked records.
 */

/** A link to another exported record, by that record's key. */
export interface SourceKey {
  key: string;
}

export type SourceValue = string | number | boolean | null | SourceKey;

export const isSourceKey = (value: unknown): value is SourceKey =>
  typeof value === 'object' && value !== null && typeof (value as SourceKey).key === 'string';

export interface SourceRecord {
  /** Where the record is, for messages: `Contacts.json, record 3` or `Contact.csv, line 5`. */
  where: string;
  /** The record's 18-character Salesforce Id, or its reference id in an export without Ids. */
  key: string;
  /** Salesforce field API name (as the file spells it) → value; the Id is in `key`, not here. */
  values: Record<string, SourceValue>;
}

export interface SourceTable {
  /** The Salesforce object API name, as the file names it. */
  sobject: string;
  /** The files the records come from, for messages. */
  files: readonly string[];
  /** Whether values are text (CSV), to be read into each field's type, or already typed (JSON). */
  text: boolean;
  /** The records, `size` at a time; may be read more than once (the second pass reads them again). */
  batches(size: number): AsyncIterable<SourceRecord[]>;
}

export interface DataSource {
  format: 'tree' | 'data-loader' | 'cumulusci';
  tables: SourceTable[];
  /** Salesforce user Id (18 characters) → e-mail, from the export's User records: how owners are found. */
  userEmails: ReadonlyMap<string, string>;
  /** Record type Id (18 characters) → developer name: what a converted record type field holds. */
  recordTypes: ReadonlyMap<string, string>;
}

/** The Salesforce object whose records are users: read for owners' e-mails, never loaded as records. */
export const USER_OBJECT = 'User';

/** The Salesforce object of record types: read for their developer names, never loaded as records. */
export const RECORD_TYPE_OBJECT = 'RecordType';

/** Chunks of a list, `size` at a time. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Records of a stream, `size` at a time. */
export async function* batched(
  records: AsyncIterable<SourceRecord>,
  size: number,
): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
