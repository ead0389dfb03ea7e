/**
 * A small typed client of the data API. The object map comes from `tessera types` (the generated
 * `TesseraObjects`), so `client.data('equipment_asset').create({...})` is checked by the compiler against
 * the workspace's own metadata.
 */
import {
  type AutomationRunsClient,
  automationRunsClient,
  type NotificationsClient,
  notificationsClient,
} from './automation-client.js';
import { type ExportsClient, exportsClient, type ImportsClient, importsClient } from './imports-client.js';
import { type PersonalViewsClient, personalViewsClient } from './list-views-client.js';
import { type MeClient, meClient } from './me-client.js';
import { type NamedDocumentClient, namedDocumentClient } from './metadata-client.js';
import { type ClientOptions, makeRequests } from './request.js';
import { type SearchCall, searchCall } from './search-client.js';

export type { ClientOptions };

/** One object's types as `tessera types` generates them. */
export interface ObjectShape {
  record: object;
  create: object;
  update: object;
}

/** The shape of the generated `TesseraObjects` interface: per object API name, its shapes. */
export type ObjectTypes<O = Record<string, ObjectShape>> = { [K in keyof O]: ObjectShape };

export interface ListQuery {
  filter?: Record<string, unknown>;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  count?: boolean;
}

export interface ListResult<R> {
  data: R[];
  page: { nextCursor: string | null; total?: number };
}

export interface BulkItemResult<R> {
  index: number;
  status: 'created' | 'updated';
  data: R;
}

export interface ObjectClient<T extends ObjectShape> {
  list(query?: ListQuery): Promise<ListResult<T['record']>>;
  /** Every page after the first, as records, lazily. */
  all(query?: Omit<ListQuery, 'cursor'>): AsyncGenerator<T['record']>;
  get(id: string, options?: { fields?: string[]; expand?: string[] }): Promise<T['record']>;
  create(record: T['create']): Promise<T['record']>;
  update(id: string, patch: T['update'], options?: { ifVersion?: number }): Promise<T['record']>;
  delete(id: string): Promise<void>;
  /** Makes `ownerId` the record's owner. */
  transfer(id: string, ownerId: string): Promise<T['record']>;
  bulk(
    operation: 'create' | 'update' | 'upsert',
    records: (T['create'] | (T['update'] & { id: string }))[],
    upsertKey?: string,
  ): Promise<BulkItemResult<T['record']>[]>;
}

export interface TesseraClient<O extends ObjectTypes<O>> {
  data<K extends keyof O & string>(object: K): ObjectClient<O[K]>;
  /**
   * The named metadata documents under `/meta/<route>` (`automations`, `roles`, …), typed by the caller:
   * `metadata<AutomationDocument>('automations')`.
   */
  metadata<D extends { apiName: string }>(route: string): NamedDocumentClient<D>;
  /** The caller's own list views, typed by the caller: `personalViews<ListViewDocument>()`. */
  personalViews<D extends { apiName: string; object: string }>(): PersonalViewsClient<D>;
  automationRuns: AutomationRunsClient;
  /** The caller's own notifications. */
  notifications: NotificationsClient;
  /** Files imported into an object, as jobs. */
  imports: ImportsClient;
  /** An object's records as a CSV or XLSX file. */
  exports: ExportsClient;
  /** The caller's own lists of records: recent, followed. */
  me: MeClient;
  /** Records of every object the caller may read whose name or searchable fields hold the words. */
  search: SearchCall;
}

export function createClient<O extends ObjectTypes<O>>(options: ClientOptions): TesseraClient<O> {
  const requests = makeRequests(options);
  const { call } = requests;

  return {
    data<K extends keyof O & string>(object: K): ObjectClient<O[K]> {
      const path = `/data/${encodeURIComponent(object)}`;
      type R = O[K]['record'];
      const client: ObjectClient<O[K]> = {
        list: (query = {}) => call<ListResult<R>>('POST', `${path}/query`, query),
        async *all(query = {}) {
          let cursor: string | undefined;
          do {
            const page: ListResult<R> = await client.list({ ...query, ...(cursor ? { cursor } : {}) });
            yield* page.data;
            cursor = page.page.nextCursor ?? undefined;
          } while (cursor);
        },
        get: async (id, opts = {}) => {
          const params = new URLSearchParams();
          if (opts.fields) params.set('fields', opts.fields.join(','));
          if (opts.expand) params.set('expand', opts.expand.join(','));
          const query = params.size ? `?${params}` : '';
          return (await call<{ data: R }>('GET', `${path}/${encodeURIComponent(id)}${query}`)).data;
        },
        create: async (record) => (await call<{ data: R }>('POST', path, record)).data,
        update: async (id, patch, opts = {}) =>
          (
            await call<{ data: R }>(
              'PATCH',
              `${path}/${encodeURIComponent(id)}`,
              patch,
              opts.ifVersion === undefined ? {} : { 'if-match': `"${opts.ifVersion}"` },
            )
          ).data,
        delete: (id) => call<void>('DELETE', `${path}/${encodeURIComponent(id)}`),
        transfer: async (id, ownerId) =>
          (await call<{ data: R }>('POST', `${path}/${encodeURIComponent(id)}/owner`, { ownerId })).data,
        bulk: async (operation, records, upsertKey) =>
          (
            await call<{ results: BulkItemResult<R>[] }>('POST', `${path}/bulk`, {
              operation,
              records,
              ...(upsertKey ? { upsertKey } : {}),
            })
          ).results,
      };
      return client;
    },
    metadata: (route) => namedDocumentClient(call, route),
    personalViews: () => personalViewsClient(call),
    automationRuns: automationRunsClient(call),
    notifications: notificationsClient(call),
    imports: importsClient(requests),
    exports: exportsClient(requests),
    me: meClient(call),
    search: searchCall(call),
  };
}
