/** Platform migrations for tests, numbered to follow the real ones: one that works, one that fails halfway. */
import type { PlatformMigration } from '../src/store/migrations/platform-migration.js';
import { PLATFORM_MIGRATIONS } from '../src/store/migrations/platform-migrations.js';

export const NEWEST = PLATFORM_MIGRATIONS.length;

/** `0002-probe` (or whatever number it is given): a new table with a row, as a later migration makes. */
export const addsProbe = (version = NEWEST + 1): PlatformMigration => ({
  version,
  name: 'probe',
  up: async (db) => {
    await db.schema
      .createTable('tessera_probe')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    await db.insertInto('tessera_probe').values({ id: 1 }).execute();
  },
});

/** Changes an existing table and its rows, then throws. */
export const breaksHalfway = (version: number): PlatformMigration => ({
  version,
  name: 'breaks',
  up: async (db) => {
    await db.schema.alterTable('tessera_user').addColumn('nickname', 'text').execute();
    await db.updateTable('tessera_user').set({ nickname: 'x' }).execute();
    throw new Error(`migration ${version} broke`);
  },
});

/** What a list's recorded rows read as: `1 baseline`, `2 probe`. */
export const labels = (migrations: readonly Pick<PlatformMigration, 'version' | 'name'>[]): string[] =>
  migrations.map((m) => `${m.version} ${m.name}`);
