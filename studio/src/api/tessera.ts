/**
 * The typed client of the API (`@tessera/client`) as the studio uses it: same origin, the session cookie and the
 * studio's headers (`studioFetch`). Its refusals become the studio's `ApiError`, which forms show in place.
 */
import { createClient, type ObjectShape, TesseraApiError } from '@tessera/client';
import type { AutomationDocument } from '@tessera/engine/types';
import { ApiError, studioFetch } from './client.js';

// Any object by name: the studio works with whatever objects the workspace has, described at run time.
export const tessera = createClient<Record<string, ObjectShape>>({ baseUrl: '', fetch: studioFetch });

/** `/meta/automations`, typed by the engine's own document type. */
export const automations = () => tessera.metadata<AutomationDocument>('automations');

/** The studio's `ApiError` for a refusal of the typed client; anything else as it was. */
export function asApiError(error: unknown): unknown {
  if (!(error instanceof TesseraApiError)) return error;
  const { status, code, detail, title, errors = [] } = error.problem;
  return new ApiError(status, code, detail ?? title, errors);
}

/** A call of the typed client whose refusal is an `ApiError`. */
export const viaClient = <T>(call: Promise<T>): Promise<T> =>
  call.catch((error: unknown) => {
    throw asApiError(error);
  });
