/**
 * Per-user references to records: the ones a user opened lately (`recent`), the ones they follow (`follow`),
 * and any other list of records a user keeps (a `kind` is just a name, so favorites fit the same table). Kept
 * on the server so they follow the user to any device. Written out here, not shared with the code that reads
 * the table: a released migration never changes.
 */
import type { PlatformMigration } from './platform-migration.js';

export const userRecords: PlatformMigration = {
  version: 5,
  name: 'user-records',
  up: async (db, dialect) => {
    const uuid = dialect === 'postgres' ? 'uuid' : 'text';
    await db.schema
      .createTable('tessera_user_record')
      .addColumn('user_id', uuid, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // The object's stable id, not its API name: a reference survives a rename of the object.
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('record_id', uuid, (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tessera_user_record_pk', ['user_id', 'kind', 'object_id', 'record_id'])
      .execute();
    // A user's list of one kind, newest first.
    await db.schema
      .createIndex('tessera_user_record_latest')
      .on('tessera_user_record')
      .columns(['user_id', 'kind', 'at'])
      .execute();
  },
};
