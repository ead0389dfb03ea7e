/**
 * The search index's registry: one row per object that has an index table, saying which fields it holds, so a
 * metadata change that adds or removes a searchable field (or an object) rebuilds exactly the indexes it
 * touches (search/reconcile-indexes.ts). On PostgreSQL it also enables pg_trgm where the server offers it:
 * its trigram indexes serve "a word inside a name" (`ILIKE '%word%'`); without it search still works, by
 * scanning. The table is written out here, not shared with the code that reads it: a released migration never
 * changes. Enabling pg_trgm is shared with restore, which needs it before a dump's indexes can be made.
 */
import { enableTrigrams } from '../../storage/postgres/trigram-extension.js';
import type { PlatformMigration } from './platform-migration.js';

export const searchIndex: PlatformMigration = {
  version: 6,
  name: 'search-index',
  up: async (db, dialect) => {
    await db.schema
      .createTable('tessera_search_index')
      .addColumn('object_id', 'text', (c) => c.primaryKey())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('built_at', 'text', (c) => c.notNull())
      .execute();
    if (dialect === 'postgres') await enableTrigrams(db);
  },
};
