/**
 * Import jobs: one row per import (its options, the starter's locale and time zone — its row errors are in their
 * language —, progress, and how far a non-atomic one has committed, so a restart resumes there), and its row
 * errors. Written out here, not shared with the code that reads the
 * tables: a released migration never changes.
 */
import type { PlatformMigration } from './platform-migration.js';

export const imports: PlatformMigration = {
  version: 4,
  name: 'imports',
  up: async (db, dialect) => {
    const uuid = dialect === 'postgres' ? 'uuid' : 'text';
    await db.schema
      .createTable('tessera_import')
      .addColumn('id', uuid, (c) => c.primaryKey())
      .addColumn('object', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_path', 'text', (c) => c.notNull())
      .addColumn('file_owned', 'integer', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('total', 'bigint')
      .addColumn('processed', 'bigint', (c) => c.notNull())
      .addColumn('created', 'bigint', (c) => c.notNull())
      .addColumn('updated', 'bigint', (c) => c.notNull())
      .addColumn('failed', 'bigint', (c) => c.notNull())
      .addColumn('committed_line', 'bigint', (c) => c.notNull())
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('created_by', uuid)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('runner', 'text')
      .addColumn('heartbeat_at', 'text')
      .execute();
    await db.schema
      .createIndex('tessera_import_status')
      .on('tessera_import')
      .columns(['status', 'object'])
      .execute();
    await db.schema
      .createTable('tessera_import_error')
      .addColumn('import_id', uuid, (c) => c.notNull().references('tessera_import.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('line', 'bigint', (c) => c.notNull())
      .addColumn('column_name', 'text')
      .addColumn('field', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tessera_import_error_pk', ['import_id', 'seq'])
      .execute();
  },
};
