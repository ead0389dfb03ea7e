/** Turns whatever a handler throws into a problem response; unexpected errors are logged, never leaked. */
import { isTesseraError } from '@tessera/engine';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HttpError } from './http-error.js';
import { ENGINE_ERRORS, type Problem, problem, problemErrors } from './problem.js';

export function problemResponse(c: Context, body: Problem): Response {
  return c.body(JSON.stringify(body), body.status as 400, { 'content-type': 'application/problem+json' });
}

export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof HttpError) return error.toProblem();
  if (isTesseraError(error)) {
    const { status, title } = ENGINE_ERRORS[error.code];
    return problem(status, error.code, title, error.message, problemErrors(error.issues));
  }
  if (error instanceof HTTPException && error.status < 500)
    return problem(
      error.status,
      'http_error',
      error.message || 'Bad request',
      error.message || 'Bad request',
    );
  return undefined;
}

export function onError(error: Error, c: Context): Response {
  const known = toProblem(error);
  if (known) return problemResponse(c, known);
  c.get('log')?.error('unhandled error', { error: error.stack ?? String(error) });
  return problemResponse(
    c,
    problem(
      500,
      'internal_error',
      'Internal error',
      `Something went wrong on our side (request ${c.get('requestId') ?? '?'})`,
    ),
  );
}
