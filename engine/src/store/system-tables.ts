/**
 * The platform's own tables in every workspace: metadata versions and document revisions (the history), the
 * head pointer (what concurrent changes race for), and the trash of soft-deleted objects and fields.
 */
import { sql } from 'kysely';
import type { AnyDb } from '../storage/storage.js';

export const HEAD = 'tessera_meta_head';
export const VERSIONS = 'tessera_meta_version';
export const REVISIONS = 'tessera_meta_revision';
export const TRASH = 'tessera_trash';
/** Auto-number counters, one row per field (see records/autonumbers.ts). */
export const COUNTERS = 'tessera_counter';

export interface VersionRow {
  version: number;
  created_at: string;
  author: string;
  message: string;
  /** JSON: the migration steps' descriptions. */
  changes: string;
}

export interface RevisionRow {
  version: number;
  kind: string;
  /** The document's stable id. */
  doc_id: string;
  /** JSON of the document, or null when this version deleted it. */
  body: string | null;
}

export interface TrashRow {
  /** The stable id of the deleted object or field. */
  entity_id: string;
  kind: 'object' | 'field';
  object_id: string;
  /** The API name it had when deleted. */
  api_name: string;
  /** The table or column that holds its data now. */
  storage_name: string;
  /** JSON: the object document or property document as it was. */
  definition: string;
  deleted_version: number;
  deleted_at: string;
}

export async function ensureSystemTables(db: AnyDb): Promise<void> {
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
