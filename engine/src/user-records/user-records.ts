/**
 * A user's own lists of records — the ones they opened lately (`recent`) and the ones they follow (`follow`) —
 * and what changed on the followed ones. Stored per user on the server, so they follow the user across
 * devices. Every record is read back through the user's record API: one they can no longer read (access
 * taken away, record deleted) is simply not shown, and none can be added that they cannot read.
 */
import type { Access } from '../access/access.js';
import type { FieldChange } from '../identity/field-history.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { RecordApi } from '../records/record-api.js';
import { notFound, UUID } from '../records/record-errors.js';
import type { AnyDb } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { USER_RECORDS } from './user-record-table.js';

/** The lists there are. Another list (favorites) is one more name here. */
export const USER_RECORD_KINDS = ['recent', 'follow'] as const;
export type UserRecordKind = (typeof USER_RECORD_KINDS)[number];

/** How many recent records a user keeps: opening one more forgets the oldest. */
export const RECENT_KEPT = 50;
/** The longest list one call answers. */
export const USER_RECORDS_LIMIT = 50;

export interface UserRecord {
  object: string;
  id: string;
  /** The record's name field value, as the user may read it. */
  name: unknown;
  /** When it was opened (recent) or followed. */
  at: string;
}

export interface FollowedChange extends FieldChange {
  object: string;
  id: string;
  name: unknown;
}

/** The field that names a record of the object, shown in the lists. */
const nameOf = (object: CompiledObject) => object.document['x-tessera'].nameField;

export const isUserRecordKind = (kind: string): kind is UserRecordKind =>
  (USER_RECORD_KINDS as readonly string[]).includes(kind);

export class UserRecords {
  constructor(
    private readonly db: AnyDb,
    /** The user's own record API: every read of a record goes through their access. */
    private readonly records: RecordApi,
    private readonly access: () => Access,
    private readonly userId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Adds a record to a list (again: a recent record moves to the top). Refused as not found when the user
   * cannot read it.
   */
  async add(kind: UserRecordKind, objectName: string, id: string): Promise<UserRecord> {
    const object = this.access().require('read', objectName);
    const record = await this.records.get(objectName, id, { fields: [nameOf(object)] });
    const key = this.key(kind, object, id);
    let at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      at = await this.after(trx, kind, at);
      // Delete-then-insert rather than an upsert: the same statements on both dialects.
      await trx
        .deleteFrom(USER_RECORDS)
        .where((eb) => eb.and(key))
        .execute();
      await trx
        .insertInto(USER_RECORDS)
        .values({ ...key, at })
        .execute();
      if (kind === 'recent') await this.forgetOldRecents(trx);
    });
    return { object: objectName, id, name: record[nameOf(object)] ?? null, at };
  }

  /** Takes a record off a list; taking off one that is not on it is not an error. */
  async remove(kind: UserRecordKind, objectName: string, id: string): Promise<void> {
    const key = this.key(kind, this.access().object(objectName), id);
    await this.db
      .deleteFrom(USER_RECORDS)
      .where((eb) => eb.and(key))
      .execute();
  }

  /** Whether a record is on a list (e.g. whether the user follows it). */
  async has(kind: UserRecordKind, objectName: string, id: string): Promise<boolean> {
    const key = this.key(kind, this.access().object(objectName), id);
    const row = await this.db
      .selectFrom(USER_RECORDS)
      .select('at')
      .where((eb) => eb.and(key))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A list, newest first, of the records the user can still read. */
  async list(kind: UserRecordKind, limit = USER_RECORDS_LIMIT): Promise<UserRecord[]> {
    const rows = await this.db
      .selectFrom(USER_RECORDS)
      .select(['object_id', 'record_id', 'at'])
      .where('user_id', '=', this.userId)
      .where('kind', '=', kind)
      .orderBy('at', 'desc')
      .limit(Math.min(limit, USER_RECORDS_LIMIT))
      .execute();
    const access = this.access();
    const objects = new Map<string, CompiledObject>();
    for (const o of access.model.objects.values())
      if (access.can('read', o.apiName)) objects.set(String(o.id), access.object(o.apiName));
    const names = new Map<string, unknown>();
    const byObject = new Map<string, string[]>();
    for (const r of rows)
      if (objects.has(String(r.object_id)))
        getOrCreate(byObject, String(r.object_id), () => []).push(String(r.record_id));
    for (const [objectId, ids] of byObject) {
      const object = objects.get(objectId) as CompiledObject;
      const found = await this.records.list(object.apiName, {
        filter: { id: { in: ids } },
        fields: [nameOf(object)],
        limit: ids.length,
      });
      for (const r of found) names.set(`${objectId}:${r.id}`, r[nameOf(object)] ?? null);
    }
    return rows.flatMap((r) => {
      const key = `${r.object_id}:${r.record_id}`;
      const object = objects.get(String(r.object_id));
      return object && names.has(key)
        ? [{ object: object.apiName, id: String(r.record_id), name: names.get(key), at: String(r.at) }]
        : [];
    });
  }

  /**
   * What changed lately on the records the user follows (their field history, as the user may read it), newest
   * first: up to `limit` changes in all.
   */
  async followedChanges(limit = USER_RECORDS_LIMIT): Promise<FollowedChange[]> {
    const followed = await this.list('follow');
    const changes: FollowedChange[] = [];
    for (const f of followed) {
      const history = await this.records.history(f.object, f.id);
      for (const change of history.slice(0, limit))
        changes.push({ ...change, object: f.object, id: f.id, name: f.name });
    }
    return changes.sort((a, b) => b.changedAt.localeCompare(a.changedAt)).slice(0, limit);
  }

  private key(kind: UserRecordKind, object: CompiledObject, id: string) {
    // Not a UUID: no row can have it (and PostgreSQL would refuse to compare it with a uuid column).
    if (!UUID.test(id)) throw notFound(object, id);
    return { user_id: this.userId, kind, object_id: String(object.id), record_id: id };
  }

  /**
   * `at`, or just after the user's latest of the list when that is as late: two records added within one
   * millisecond still have an order, and the list's newest first is always the order they were added in.
   */
  private async after(trx: AnyDb, kind: UserRecordKind, at: string): Promise<string> {
    const latest = await trx
      .selectFrom(USER_RECORDS)
      .select('at')
      .where('user_id', '=', this.userId)
      .where('kind', '=', kind)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest || String(latest.at) < at) return at;
    return new Date(Date.parse(String(latest.at)) + 1).toISOString();
  }

  private async forgetOldRecents(trx: AnyDb): Promise<void> {
    const kept = await trx
      .selectFrom(USER_RECORDS)
      .select('at')
      .where('user_id', '=', this.userId)
      .where('kind', '=', 'recent')
      .orderBy('at', 'desc')
      .offset(RECENT_KEPT - 1)
      .limit(1)
      .executeTakeFirst();
    if (kept)
      await trx
        .deleteFrom(USER_RECORDS)
        .where('user_id', '=', this.userId)
        .where('kind', '=', 'recent')
        .where('at', '<', kept.at)
        .execute();
  }
}
