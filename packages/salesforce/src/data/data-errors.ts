/**
 * Why Salesforce data could not be loaded, with a stable code: the whole run stops before anything is written
 * (a bad plan, an Id that is no Salesforce Id, objects whose lookups need each other), and the message names
 * the file and the record.
 */
export type SalesforceDataCode =
  | 'bad_salesforce_id'
  | 'bad_data_folder'
  | 'bad_plan'
  | 'bad_data_file'
  | 'duplicate_reference'
  | 'unknown_object'
  | 'missing_sf_id'
  | 'required_lookup_cycle'
  | 'bad_map';

export class SalesforceDataError extends Error {
  constructor(
    readonly code: SalesforceDataCode,
    message: string,
  ) {
    super(message);
    this.name = 'SalesforceDataError';
  }
}
