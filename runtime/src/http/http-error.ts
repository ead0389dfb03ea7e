/** An error raised by the HTTP layer itself (bad JSON, wrong content type, no token …), answered as a problem. */
import { type Problem, type ProblemError, problem } from './problem.js';

/**
 * The problem codes the HTTP layer answers with itself, next to the engine's `ErrorCode`s: one list, so every
 * code a client may meet is known here, and docs/api.md's error table is checked against it.
 */
export const HTTP_ERROR_CODES = [
  'malformed_json',
  'malformed_body',
  'bad_parameter',
  'unknown_parameter',
  'bad_if_match',
  'bad_time_zone',
  'bad_cursor',
  'bad_limit',
  'bad_field',
  'field_exists',
  'bad_package',
  'name_mismatch',
  'user_required',
  'http_error',
  'unauthorized',
  'forbidden',
  'csrf',
  'foreign_origin',
  'not_found',
  'body_too_large',
  'upload_too_large',
  'unsupported_media_type',
  'internal_error',
  'not_supported',
  'malformed_request',
  'request_timeout',
  'headers_too_large',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    readonly title: string,
    detail: string,
    readonly errors?: ProblemError[],
  ) {
    super(detail);
  }

  toProblem(): Problem {
    return problem(this.status, this.code, this.title, this.message, this.errors);
  }
}

export const badRequest = (code: HttpErrorCode, detail: string, field = '', pointer = '') =>
  new HttpError(
    400,
    code,
    'Bad request',
    detail,
    field || pointer ? [{ field, pointer, code, message: detail }] : undefined,
  );

/** Refuses a query string (or body) holding a parameter the call does not know, naming it. */
export function refuseUnknown(source: Record<string, unknown>, known: ReadonlySet<string>): void {
  for (const key of Object.keys(source))
    if (!known.has(key)) throw badRequest('unknown_parameter', `unknown parameter "${key}"`, key, `/${key}`);
}
