/**
 * Migration 0005 on a workspace at version 4: it adds the per-user record table and nothing else changes; one
 * reference per user, list, object and record (the same one again is refused by the key), on both dialects.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { dataSnapshot, platformSchemaSnapshot } from '../../../test/schema-snapshot.js';
import { openStorage } from '../../storage/open-storage.js';
import type { Storage } from '../../storage/storage.js';
import { USER_RECORDS } from '../../user-records/user-record-table.js';
import { migratePlatform, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const USER = '0b7c2a9e-5d1f-4c3e-9a8b-1f2e3d4c5b6a';
const RECORD = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

describeEachDialect('platform migration 0005 (user records)', (env) => {
  const opened: Storage[] = [];
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
  });

  it('adds the table of per-user record references to a version-4 workspace, and changes nothing else', async () => {
    const storage = await openStorage({ ...env.location, workspace: `user_records_${Date.now()}` });
    opened.push(storage);
    const migrate = (upTo: number) =>
      storage.migrate((db) => migratePlatform(db, env.dialect, PLATFORM_MIGRATIONS.slice(0, upTo)));
    await migrate(4);
    const before = await dataSnapshot({ storage });
    const schemaBefore = await platformSchemaSnapshot({ storage });
    expect(schemaBefore.join('\n')).not.toContain(USER_RECORDS);

    await migrate(5);
    const after = await dataSnapshot({ storage });
    // Every table keeps its rows (the migrations' own record gains one).
    for (const [table, rows] of Object.entries(before))
      if (table !== SCHEMA_MIGRATIONS) expect(after[table]).toEqual(rows);
    // The schema gains the table and its index, and nothing else (later migrations add their own).
    const schemaAfter = await platformSchemaSnapshot({ storage });
    expect(schemaAfter.filter((line) => !line.includes(USER_RECORDS))).toEqual(schemaBefore);
    expect(schemaAfter.join('\n')).toContain(USER_RECORDS);

    const row = {
      user_id: USER,
      kind: 'follow',
      object_id: 'crm_account',
      record_id: RECORD,
      at: '2026-12-08T00:00:00.000Z',
    };
    await storage.db.insertInto(USER_RECORDS).values(row).execute();
    await expect(
      storage.db
        .insertInto(USER_RECORDS)
        .values({ ...row, at: '2026-12-08T00:00:01.000Z' })
        .execute(),
    ).rejects.toThrow();
    // Another list of the same user may hold the same record.
    await storage.db
      .insertInto(USER_RECORDS)
      .values({ ...row, kind: 'recent' })
      .execute();
    expect(await storage.db.selectFrom(USER_RECORDS).select('kind').orderBy('kind').execute()).toEqual([
      { kind: 'follow' },
      { kind: 'recent' },
    ]);
  });
});
