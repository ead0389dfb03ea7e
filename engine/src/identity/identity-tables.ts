/**
 * The identity tables of every workspace: users, API tokens, studio sessions, record shares, the audit log
 * and field history. They live beside the records, so a workspace's people never leave its file or schema,
 * and record queries can join them (the sharing rules are SQL, not a list of ids in memory).
 */

import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';

export const USERS = 'tessera_user';
export const TOKENS = 'tessera_token';
export const SESSIONS = 'tessera_session';
export const SHARES = 'tessera_share';
export const AUDIT = 'tessera_audit';
export const FIELD_HISTORY = 'tessera_field_history';
/** Sign-in attempts per hashed key; only the default workspace's is used, as every process shares it. */
export const SIGN_IN_THROTTLE = 'tessera_sign_in_throttle';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  /** The role's API name; null for a user outside the hierarchy (who reaches only their own records). */
  role: string | null;
  /** JSON array of permission set API names. */
  permission_sets: string;
  /** 1 for a workspace admin: every permission, on everything. */
  admin: number;
  active: number;
  /**
   * No longer read: sign-in attempts are counted per address (`tessera_sign_in_throttle`). The column stays,
   * NOT NULL, so databases made before take inserts as new ones do.
   */
  failed_sign_ins: number;
  /** No longer read, as `failed_sign_ins`. */
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the secret, hex: tokens are never stored. */
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionRow {
  secret_hash: string;
  user_id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export async function ensureIdentityTables(db: AnyDb, dialect: DialectName): Promise<void> {
  // User and record ids are compared with records' owner_id and id columns: the same type on each dialect.
  const uuid = dialect === 'postgres' ? 'uuid' : 'text';
  await db.schema
    .createTable(USERS)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text')
    .addColumn('permission_sets', 'text', (c) => c.notNull())
    .addColumn('admin', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tessera_user_role').ifNotExists().on(USERS).column('role').execute();
  await db.schema
    .createTable(TOKENS)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('user_id', uuid, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable(SESSIONS)
    .ifNotExists()
    .addColumn('secret_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', uuid, (c) => c.notNull())
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(SHARES)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('record_id', uuid, (c) => c.notNull())
    .addColumn('user_id', uuid)
    .addColumn('role', 'text')
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('created_by', uuid)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // By record (a record's shares), and by grantee (the shares a user's queries gather).
  for (const [name, column] of [
    ['tessera_share_record', 'record_id'],
    ['tessera_share_user', 'user_id'],
    ['tessera_share_role', 'role'],
  ] as const)
    await db.schema.createIndex(name).ifNotExists().on(SHARES).columns(['object_id', column]).execute();
  await db.schema
    .createTable(AUDIT)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', uuid)
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(FIELD_HISTORY)
    .ifNotExists()
    .addColumn('id', uuid, (c) => c.primaryKey())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('record_id', uuid, (c) => c.notNull())
    .addColumn('field_id', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('changed_by', uuid)
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(SIGN_IN_THROTTLE)
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tessera_sign_in_throttle_window')
    .ifNotExists()
    .on(SIGN_IN_THROTTLE)
    .column('window_start')
    .execute();
  await db.schema
    .createIndex('tessera_field_history_record')
    .ifNotExists()
    .on(FIELD_HISTORY)
    .columns(['object_id', 'record_id'])
    .execute();
}
