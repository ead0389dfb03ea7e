/** Reading request bodies: JSON only, within the size limit, a clear 4xx for anything else. */
import type { Context } from 'hono';
import { badRequest, HttpError } from './http-error.js';

/** 1 MiB: far above any record or metadata document, far below what could hurt the server. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A package install carries its seed data (CSV files of thousands of records): 64 MiB. */
export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;

/** The most bytes a request to `path` may send. */
export const maxBodyBytes = (method: string, path: string): number =>
  method === 'POST' && /\/meta\/packages\/?$/.test(path) ? MAX_PACKAGE_BYTES : MAX_BODY_BYTES;

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type))
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      'send the body as application/json',
    );
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest('malformed_json', `the body is not valid JSON: ${(e as Error).message}`);
  }
}

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('malformed_body', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}
