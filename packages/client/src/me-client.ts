/** The caller's own lists of records (`/me/records/{kind}`: recent, follow) and what changed on followed ones. */
import type { Call } from './request.js';

/** The lists there are: what the caller opened lately, and what they follow. */
export type RecordListKind = 'recent' | 'follow';

/** A record on one of the caller's lists. */
export interface ListedRecord {
  object: string;
  id: string;
  /** The record's name field value. */
  name: unknown;
  /** When it was opened (recent) or followed. */
  at: string;
}

/** One field's change on a record the caller follows. */
export interface FollowedChange {
  object: string;
  id: string;
  name: unknown;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedAt: string;
}

export interface MeClient {
  /** A list, newest first: only records the caller may still read. */
  records(kind: RecordListKind): Promise<ListedRecord[]>;
  /** Puts a record on a list (again: to the top); refused when the caller may not read it. */
  add(kind: RecordListKind, object: string, id: string): Promise<ListedRecord>;
  /** Takes a record off a list (not an error when it was not on it). */
  remove(kind: RecordListKind, object: string, id: string): Promise<void>;
  /** Whether a record is on a list. */
  listed(kind: RecordListKind, object: string, id: string): Promise<boolean>;
  /** What changed lately on the records the caller follows, newest first. */
  followedChanges(): Promise<FollowedChange[]>;
}

export function meClient(call: Call): MeClient {
  const one = (kind: RecordListKind, object: string, id: string) =>
    `/me/records/${kind}/${encodeURIComponent(object)}/${encodeURIComponent(id)}`;
  return {
    records: async (kind) => (await call<{ data: ListedRecord[] }>('GET', `/me/records/${kind}`)).data,
    add: async (kind, object, id) => (await call<{ data: ListedRecord }>('PUT', one(kind, object, id))).data,
    remove: (kind, object, id) => call<void>('DELETE', one(kind, object, id)),
    listed: async (kind, object, id) =>
      (await call<{ data: { listed: boolean } }>('GET', one(kind, object, id))).data.listed,
    followedChanges: async () => (await call<{ data: FollowedChange[] }>('GET', '/me/followed-changes')).data,
  };
}
