/** Errors of the Salesforce converter, each with a stable code a caller can branch on. */
export type SalesforceErrorCode = 'not_a_project' | 'bad_metadata_file' | 'bad_base_package' | 'bad_output';

export class SalesforceError extends Error {
  constructor(
    readonly code: SalesforceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SalesforceError';
  }
}
