/** An error raised by the HTTP layer itself (bad JSON, wrong content type, no token …), answered as a problem. */
import { type Problem, type ProblemError, problem } from './problem.js';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
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

export const badRequest = (code: string, detail: string, field = '', pointer = '') =>
  new HttpError(
    400,
    code,
    'Bad request',
    detail,
    field || pointer ? [{ field, pointer, code, message: detail }] : undefined,
  );
