/**
 * Named metadata documents (`/meta/<route>`: automations, roles, validation rules, …), read and changed one at a
 * time. A change can be a dry run: the server validates it and answers its plan without applying it.
 */
import { type Call, queryString } from './request.js';

/** What a metadata change answers: the document, and the version it made (or would make). */
export interface MetadataChange<D> {
  data: D | null;
  meta: { version: number; applied: boolean; plan: { kind: string; description: string }[] };
}

export interface ChangeOptions {
  /** Validate and plan only; nothing is applied. */
  dryRun?: boolean;
}

export interface NamedDocumentClient<D extends { apiName: string }> {
  list(): Promise<D[]>;
  get(apiName: string): Promise<D>;
  /** Creates or replaces the document named by its `apiName`. */
  put(doc: D, options?: ChangeOptions): Promise<MetadataChange<D>>;
  delete(apiName: string, options?: ChangeOptions): Promise<MetadataChange<D>>;
}

export function namedDocumentClient<D extends { apiName: string }>(
  call: Call,
  route: string,
): NamedDocumentClient<D> {
  const path = (name: string, options: ChangeOptions = {}) =>
    `/meta/${route}/${encodeURIComponent(name)}${queryString({ dryRun: options.dryRun || undefined })}`;
  return {
    list: async () => (await call<{ data: D[] }>('GET', `/meta/${route}`)).data,
    get: async (name) => (await call<{ data: D }>('GET', path(name))).data,
    put: (doc, options) => call<MetadataChange<D>>('PUT', path(doc.apiName, options), doc),
    delete: (name, options) => call<MetadataChange<D>>('DELETE', path(name, options)),
  };
}
