/**
 * The typed client of the API (`@tessera/client`) as the studio uses it: same origin, the session cookie and the
 * studio's headers (`studioFetch`). Its refusals become the studio's `ApiError`, which forms show in place.
 */
import { createClient, type ObjectShape, TesseraApiError } from '@tessera/client';
import type { AutomationDocument, ListViewDocument } from '@tessera/engine/types';
import { ApiError, studioFetch } from './client.js';
import type { RecordData } from './types.js';

/** Any object's records, as the studio knows them: from `describe`, not from generated types. */
type AnyObjects = Record<string, ObjectShape & { record: RecordData; update: Record<string, unknown> }>;

export const tessera = createClient<AnyObjects>({ baseUrl: '', fetch: studioFetch });

/** `/meta/automations`, typed by the engine's own document type. */
export const automations = () => tessera.metadata<AutomationDocument>('automations');

/** The user's own list views. */
export const personalViews = () => tessera.personalViews<ListViewDocument>();

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
