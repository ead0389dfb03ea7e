/**
 * Migration 0006 on a workspace made before it: the index registry appears (and pg_trgm on PostgreSQL, which
 * this server offers), and the next open indexes the records the workspace already holds, so search finds them.
 */
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { object } from '../../../test/documents.js';
import { PERSONAL_VIEWS } from '../../personal-views/personal-list-views.js';
import { SEARCH_REGISTRY } from '../../search/reconcile-indexes.js';
import { searchDialect, searchTableName } from '../../search/search-tables.js';
import { openStorage } from '../../storage/open-storage.js';
import type { Storage } from '../../storage/storage.js';
import { Workspace } from '../../workspace.js';
import { migratePlatform, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const VERSION = 6;

/** Whether the workspace has the table (on PostgreSQL, in its own schema: other workspaces' do not count). */
const tableExists = async (storage: Storage, name: string) =>
  storage.db
    .selectFrom(name)
    .select(sql.lit(1).as('one'))
    .limit(1)
    .execute()
    .then(
      () => true,
      () => false,
    );

describeEachDialect('platform migration 0006 (search index)', (env) => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const handle of opened.splice(0).reverse()) await handle.close();
  });

  it('adds the index registry to a workspace at version 5', async () => {
    const storage = await openStorage({ ...env.location, workspace: env.newName() });
    opened.push(storage);
    const migrate = (upTo: number) =>
      storage.migrate((db) => migratePlatform(db, env.dialect, PLATFORM_MIGRATIONS.slice(0, upTo)));
    await migrate(VERSION - 1);
    expect(await tableExists(storage, SEARCH_REGISTRY)).toBe(false);
    expect(await migrate(VERSION)).toMatchObject({ from: VERSION - 1, applied: ['0006-search-index'] });
    expect(await storage.db.selectFrom(SEARCH_REGISTRY).selectAll().execute()).toEqual([]);
    if (env.dialect === 'postgres') {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(storage.db);
      expect(rows[0]?.n).toBe(1);
    }
  });

  it('indexes the records of a workspace made before it when it is next opened', async () => {
    const name = env.newName();
    const before = await Workspace.open({ ...env.location, workspace: name });
    await before.deploy({ objects: [object('account', {})] });
    await before.records.insertMany('account', [{ name: 'Acme Corp' }, { name: '上海华联超市' }]);
    // Back to how a workspace at version 5 is: no registry, no index tables, 0006 not recorded.
    const table = searchTableName(before.model.object('account').id);
    await before.storage.migrate(async (db) => {
      await searchDialect(env.dialect).drop(db, table);
      await db.schema.dropTable(SEARCH_REGISTRY).execute();
      // Later migrations are undone too: a workspace at version 5 has none of their tables.
      await db.schema.dropTable(PERSONAL_VIEWS).execute();
      await db.deleteFrom(SCHEMA_MIGRATIONS).where('version', '>=', VERSION).execute();
    });
    expect(await tableExists(before.storage, table)).toBe(false);
    await before.close();

    const after = await Workspace.open({ ...env.location, workspace: name });
    opened.push(after);
    const names = async (q: string) =>
      (await after.records.search({ q })).flatMap((g) => g.records.map((r) => r.name));
    expect(await names('acme')).toEqual(['Acme Corp']);
    expect(await names('华联')).toEqual(['上海华联超市']);
  });
});
