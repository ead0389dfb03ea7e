/**
 * Migration 0007 on a workspace at the version before it: it adds the personal list view table and nothing else
 * changes; one view per user and name (the same name again is refused by the key), on both dialects.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { dataSnapshot, platformSchemaSnapshot } from '../../../test/schema-snapshot.js';
import { PERSONAL_VIEWS } from '../../personal-views/personal-list-views.js';
import { openStorage } from '../../storage/open-storage.js';
import type { Storage } from '../../storage/storage.js';
import { personalListViews } from './0007-personal-list-views.js';
import { migratePlatform, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const USER = '0b7c2a9e-5d1f-4c3e-9a8b-1f2e3d4c5b6a';

describeEachDialect('platform migration 0007 (personal list views)', (env) => {
  const opened: Storage[] = [];
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
  });

  it('adds the table of personal list views to a workspace at the version before, and changes nothing else', async () => {
    const storage = await openStorage({ ...env.location, workspace: `personal_views_${Date.now()}` });
    opened.push(storage);
    const at = PLATFORM_MIGRATIONS.indexOf(personalListViews);
    const migrate = (upTo: number) =>
      storage.migrate((db) => migratePlatform(db, env.dialect, PLATFORM_MIGRATIONS.slice(0, upTo)));
    await migrate(at);
    const before = await dataSnapshot({ storage });
    expect((await platformSchemaSnapshot({ storage })).join('\n')).not.toContain(PERSONAL_VIEWS);

    await migrate(at + 1);
    const after = await dataSnapshot({ storage });
    for (const [table, rows] of Object.entries(before))
      if (table !== SCHEMA_MIGRATIONS) expect(after[table]).toEqual(rows);
    expect((await platformSchemaSnapshot({ storage })).join('\n')).toContain(PERSONAL_VIEWS);

    const now = new Date().toISOString();
    await storage.db
      .insertInto('tessera_user')
      .values({
        id: USER,
        email: 'ann@example.com',
        name: 'Ann',
        password_hash: null,
        role: null,
        permission_sets: '[]',
        admin: 0,
        active: 1,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const row = { user_id: USER, api_name: 'mine', object: 'deal', document: '{}', updated_at: now };
    await storage.db.insertInto(PERSONAL_VIEWS).values(row).execute();
    await expect(storage.db.insertInto(PERSONAL_VIEWS).values(row).execute()).rejects.toThrow();
    await storage.db
      .insertInto(PERSONAL_VIEWS)
      .values({ ...row, api_name: 'other' })
      .execute();
    expect(
      await storage.db.selectFrom(PERSONAL_VIEWS).select('api_name').orderBy('api_name').execute(),
    ).toEqual([{ api_name: 'mine' }, { api_name: 'other' }]);
  });
});
