/**
 * Every error the API answers is an RFC 9457 problem document (`application/problem+json`), with one entry
 * per failing field in `errors` and a stable `code` in each, so clients branch on codes, not on prose.
 */
import type { ErrorCode, Issue } from '@tessera/engine';
import type { HttpErrorCode } from './http-error.js';

export interface ProblemError {
  field: string;
  /** JSON pointer of the failing value, more precise than `field` for nested values and batches. */
  pointer: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemError[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://tessera.dev/problems/';

/** HTTP status and title of each engine error code. */
export const ENGINE_ERRORS: Record<ErrorCode, { status: number; title: string }> = {
  invalid_documents: { status: 422, title: 'Invalid metadata' },
  validation_failed: { status: 422, title: 'Validation failed' },
  unsupported_change: { status: 422, title: 'Unsupported change' },
  invalid_query: { status: 400, title: 'Invalid query' },
  forbidden: { status: 403, title: 'Forbidden' },
  exceeds_own_access: { status: 403, title: 'Beyond your own access' },
  unknown_user: { status: 404, title: 'Unknown user' },
  unknown_token: { status: 404, title: 'Unknown token' },
  unknown_share: { status: 404, title: 'Unknown share' },
  unknown_document: { status: 404, title: 'Unknown document' },
  sign_in_failed: { status: 401, title: 'Sign-in failed' },
  invalid_package: { status: 422, title: 'Invalid package' },
  invalid_seed_data: { status: 422, title: 'Invalid seed data' },
  unknown_package: { status: 404, title: 'Unknown package' },
  package_conflict: { status: 409, title: 'Package conflict' },
  package_dependency: { status: 409, title: 'Missing package dependency' },
  sign_in_locked: { status: 429, title: 'Too many failed sign-ins' },
  unknown_object: { status: 404, title: 'Unknown object' },
  unknown_field: { status: 404, title: 'Unknown field' },
  record_not_found: { status: 404, title: 'Record not found' },
  not_in_trash: { status: 404, title: 'Not in the trash' },
  data_purged: { status: 409, title: 'Data purged for good' },
  unknown_version: { status: 404, title: 'Unknown metadata version' },
  version_conflict: { status: 412, title: 'Version mismatch' },
  metadata_conflict: { status: 409, title: 'Metadata changed meanwhile' },
  unique_violation: { status: 409, title: 'Unique value already used' },
  reference_violation: { status: 409, title: 'Broken reference' },
  delete_restricted: { status: 409, title: 'Record is still referenced' },
  conversion_blocked: { status: 409, title: 'Existing data blocks the change' },
  workspace_too_new: { status: 503, title: 'Workspace upgraded by a newer Tessera' },
  unknown_automation_run: { status: 404, title: 'Unknown automation run' },
  nothing_to_retry: { status: 409, title: 'Nothing to retry' },
  unknown_notification: { status: 404, title: 'Unknown notification' },
  unknown_import: { status: 404, title: 'Unknown import' },
  import_running: { status: 409, title: 'An import of this object is already running' },
  invalid_import: { status: 422, title: 'Invalid import' },
};

export function problemErrors(issues: readonly Issue[]): ProblemError[] {
  return issues.map((i) => {
    const segments = i.pointer.split('/').slice(1);
    // In a batch the pointer starts with the item's index (`/3/name`, `/records/3/name`); the field follows it.
    const item = segments.findIndex((s) => /^\d+$/.test(s));
    const field = (item >= 0 && item <= 1 ? segments[item + 1] : undefined) ?? segments[0] ?? '';
    return {
      field: i.document ? `${i.document}${i.pointer}` : field,
      pointer: i.document ? `/${i.document}${i.pointer}` : i.pointer,
      code: i.code,
      message: i.message,
      ...(i.rule ? { rule: i.rule } : {}),
    };
  });
}

export function problem(
  status: number,
  code: ErrorCode | HttpErrorCode,
  title: string,
  detail: string,
  errors?: ProblemError[],
): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}
