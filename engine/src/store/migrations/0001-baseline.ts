/**
 * The platform's tables as Tessera made them before they had migrations (main up to 9d00851, where
 * `ensureSystemTables` and `ensureIdentityTables` made them at every open): metadata versions and revisions,
 * the head pointer, the trash, auto-number counters, users, tokens, sessions, shares, the audit log, field
 * history and the sign-in throttle.
 *
 * Idempotent on purpose, and the only migration that is: a workspace made before migrations has some or all of
 * these tables and no recorded version. Every statement skips what exists, so such a workspace keeps its tables
 * and rows as they are, gets whatever its older Tessera did not make yet (counters and throttle came late), and
 * is then recorded at version 1 like a new one.
 */
import { sql } from 'kysely';
import {
  AUDIT,
  FIELD_HISTORY,
  SESSIONS,
  SHARES,
  SIGN_IN_THROTTLE,
  TOKENS,
  USERS,
} from '../../identity/identity-tables.js';
import type { DialectName } from '../../storage/column-type.js';
import type { AnyDb } from '../../storage/storage.js';
import { COUNTERS, HEAD, REVISIONS, TRASH, VERSIONS } from '../system-tables.js';
import type { PlatformMigration } from './platform-migration.js';

export const baseline: PlatformMigration = {
  version: 1,
  name: 'baseline',
  up: async (db, dialect) => {
    await metadataTables(db);
    await identityTables(db, dialect);
  },
};

async function metadataTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable(HEAD)
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(VERSIONS)
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(REVISIONS)
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addPrimaryKeyConstraint('tessera_meta_revision_pk', ['kind', 'doc_id', 'version'])
    .execute();
  await db.schema
    .createTable(TRASH)
    .ifNotExists()
    .addColumn('entity_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('api_name', 'text', (c) => c.notNull())
    .addColumn('storage_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('deleted_version', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(COUNTERS)
    .ifNotExists()
    .addColumn('field_id', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into ${sql.table(HEAD)} (id, version) values (1, 0) on conflict (id) do nothing`.execute(
    db,
  );
}

async function identityTables(db: AnyDb, dialect: DialectName): Promise<void> {
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
