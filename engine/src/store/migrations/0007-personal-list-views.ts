/**
 * Personal list views: a user's own saved lists (columns, widths, filter, sort, display), one row per user and
 * view, gone with the user. Written out here, not shared with the code that reads the table: a released
 * migration never changes.
 */
import type { PlatformMigration } from './platform-migration.js';

export const personalListViews: PlatformMigration = {
  version: 7,
  name: 'personal-list-views',
  up: async (db, dialect) => {
    const uuid = dialect === 'postgres' ? 'uuid' : 'text';
    await db.schema
      .createTable('tessera_personal_view')
      .addColumn('user_id', uuid, (c) => c.notNull().references('tessera_user.id').onDelete('cascade'))
      .addColumn('api_name', 'text', (c) => c.notNull())
      .addColumn('object', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tessera_personal_view_pk', ['user_id', 'api_name'])
      .execute();
    await db.schema
      .createIndex('tessera_personal_view_object')
      .on('tessera_personal_view')
      .columns(['user_id', 'object'])
      .execute();
  },
};
