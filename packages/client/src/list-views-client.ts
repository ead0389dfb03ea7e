/**
 * The caller's own list views (`/list-views/mine`): any user may keep them; nobody else sees them. Shared views
 * are metadata (`metadata('list-views')`), for those who manage it. Typed by the caller's view document type.
 */
import { type Call, queryString } from './request.js';

export interface PersonalViewsClient<D extends { apiName: string; object: string }> {
  /** The caller's views, of one object or of all. */
  list(object?: string): Promise<D[]>;
  /** Creates or replaces the view named by its `apiName`. */
  put(view: D): Promise<D>;
  delete(apiName: string): Promise<void>;
}

export function personalViewsClient<D extends { apiName: string; object: string }>(
  call: Call,
): PersonalViewsClient<D> {
  const path = (name: string) => `/list-views/mine/${encodeURIComponent(name)}`;
  return {
    list: async (object) =>
      (await call<{ data: D[] }>('GET', `/list-views/mine${queryString({ object })}`)).data,
    put: async (view) => (await call<{ data: D }>('PUT', path(view.apiName), view)).data,
    delete: (name) => call<void>('DELETE', path(name)),
  };
}
