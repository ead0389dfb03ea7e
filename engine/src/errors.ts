/**
 * Typed errors with stable codes. Callers (the runtime, the CLI) branch on `code`, never on message text;
 * messages are for people.
 */

/** One problem with one place in a document or record: the unit every validator returns. */
/** The one empty list of issues: writes without issues (a bulk load has a hundred thousand) share it. */
export const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

export interface Issue {
  /** The document the issue is in, by API name (or its position when it has none), for issues about a set. */
  document?: string;
  /** JSON pointer into the document or record the issue is about ("" for the whole thing). */
  pointer: string;
  /** Stable machine-readable code, e.g. `required`, `reserved_name`, `unknown_target`. */
  code: string;
  message: string;
  /** For a refusal by a validation rule: the rule's API name. */
  rule?: string;
}

export type ErrorCode =
  | 'invalid_documents'
  | 'validation_failed'
  | 'unknown_object'
  | 'unknown_field'
  | 'record_not_found'
  | 'version_conflict'
  | 'metadata_conflict'
  | 'unique_violation'
  | 'reference_violation'
  | 'delete_restricted'
  | 'conversion_blocked'
  | 'unsupported_change'
  | 'invalid_query'
  | 'not_in_trash'
  | 'data_purged'
  | 'unknown_version'
  | 'forbidden'
  | 'exceeds_own_access'
  | 'unknown_user'
  | 'unknown_token'
  | 'unknown_share'
  | 'unknown_document'
  | 'sign_in_failed'
  | 'sign_in_locked'
  | 'invalid_package'
  | 'invalid_seed_data'
  | 'unknown_package'
  | 'package_conflict'
  | 'package_dependency'
  | 'workspace_too_new'
  | 'unknown_automation_run'
  | 'nothing_to_retry'
  | 'unknown_notification'
  | 'unknown_import'
  | 'import_running'
  | 'invalid_import';

export class TesseraError extends Error {
  override readonly name = 'TesseraError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const isTesseraError = (e: unknown, code?: ErrorCode): e is TesseraError =>
  e instanceof TesseraError && (code === undefined || e.code === code);
