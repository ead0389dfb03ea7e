/**
 * A workspace made by main at 9d00851 (platform tables made at every open, no recorded version) opens with
 * today's code and is upgraded in place: its migrations recorded from version 1 on, its tables as a new workspace
 * has them, and every user, token, session, record, share, history entry and count still there and working.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { FIXTURE_PASSWORDS, restoreMainFixture } from '../../../test/main-9d00851-fixture.js';
import { openTogether } from '../../../test/open-together.js';
import { dataSnapshot, platformSchemaSnapshot, schemaSnapshot } from '../../../test/schema-snapshot.js';
import { addsProbe, breaksHalfway, labels, NEWEST } from '../../../test/test-migrations.js';
import { subjectOf } from '../../identity/users.js';
import { openStorage } from '../../storage/open-storage.js';
import type { Storage } from '../../storage/storage.js';
import { Workspace } from '../../workspace.js';
import { migratePlatform, migrationLabel, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const recordedLabels = async (db: Storage['db']) =>
  labels(await db.selectFrom(SCHEMA_MIGRATIONS).select(['version', 'name']).orderBy('version').execute());

/** Every row of every table, but SQLite's planner statistics (which any open may refresh). */
const rowsOf = async (storage: Storage) =>
  Object.fromEntries(
    Object.entries(await dataSnapshot({ storage })).filter(([t]) => !t.startsWith('sqlite_')),
  );

describeEachDialect('a workspace made by main at 9d00851', (env) => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
  });
  const open = async (workspace: string) => {
    const ws = await Workspace.open({ ...env.location, workspace });
    opened.push(ws);
    return ws;
  };
  const storageOf = async (workspace: string) => {
    const storage = await openStorage({ ...env.location, workspace });
    opened.push(storage);
    return storage;
  };

  it('opens and is upgraded in place: every migration recorded, tables as new ones, every row kept', async () => {
    const { name, facts } = await restoreMainFixture(env);
    const old = await storageOf(name);
    const rows = await rowsOf(old);
    await old.close();
    opened.splice(opened.indexOf(old), 1);
    const ws = await open(name);
    expect(await recordedLabels(ws.storage.db)).toEqual(labels(PLATFORM_MIGRATIONS));
    expect(await platformSchemaSnapshot(ws)).toEqual(await platformSchemaSnapshot(await env.open()));
    // Every table it had holds what it held (later migrations may add tables beside them).
    const after = await rowsOf(ws.storage);
    expect(Object.fromEntries(Object.keys(rows).map((table) => [table, after[table]]))).toEqual(rows);

    // Its metadata: two versions, the field the second deleted in the trash.
    expect(ws.model.version).toBe(2);
    expect((await ws.history()).map((v) => v.message).sort()).toEqual(['no notes', 'tickets']);
    expect((await ws.trash()).map((t) => t.apiName)).toEqual(['notes']);
    // Its people: passwords, an API token, a studio session.
    const ada = await ws.users.verify('ada@example.com', FIXTURE_PASSWORDS['ada@example.com']);
    expect(ada).toMatchObject({ id: facts.adaId, admin: true });
    expect((await ws.users.verify('bob@example.com', FIXTURE_PASSWORDS['bob@example.com'])).id).toBe(
      facts.bobId,
    );
    expect((await ws.tokens.resolve(facts.tokenSecret))?.user.id).toBe(facts.adaId);
    const session = await ws.sessions.resolve(facts.sessionSecret, new Date('2026-12-01T01:00:00Z'));
    expect(session?.user.id).toBe(facts.adaId);
    // Its records, their field history and shares; the auto-number counter goes on from where it was.
    const asAda = ws.recordsFor(subjectOf(ada));
    expect(await asAda.get('ticket', facts.printerId)).toMatchObject({ code: 'TCK-0001', status: 'closed' });
    expect(await asAda.history('ticket', facts.printerId)).toMatchObject([
      { field: 'status', oldValue: 'open', newValue: 'closed', changedBy: facts.adaId },
    ]);
    expect(await asAda.shares('ticket', facts.vpnId)).toMatchObject([
      { userId: facts.bobId, access: 'read' },
    ]);
    expect((await asAda.insert('ticket', { name: 'Screen flickers' })).code).toBe('TCK-0003');
    // The audit log and the sign-in throttle's counts.
    expect((await ws.auditLog()).map((e) => e.action)).toContain('user.create');
    expect(await ws.storage.db.selectFrom('tessera_sign_in_throttle').select('attempts').execute()).toEqual([
      { attempts: 1 },
      { attempts: 1 },
    ]);
  });

  it('opened again after the upgrade, changes nothing', async () => {
    const { name } = await restoreMainFixture(env);
    const first = await open(name);
    const schema = await schemaSnapshot(first);
    const rows = await rowsOf(first.storage);
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = await open(name);
    expect(await schemaSnapshot(second)).toEqual(schema);
    expect(await rowsOf(second.storage)).toEqual(rows);
  });

  it('is upgraded once when two processes open it at once', async () => {
    const { name } = await restoreMainFixture(env);
    const seen = await openTogether({ ...env.location, workspace: name }, 2);
    const recorded = PLATFORM_MIGRATIONS.map(({ version, name }) => ({ version, name }));
    expect(seen).toEqual([recorded, recorded]);
    const ws = await open(name);
    expect(await recordedLabels(ws.storage.db)).toEqual(labels(PLATFORM_MIGRATIONS));
    expect((await ws.users.list()).map((u) => u.email).sort()).toEqual([
      'ada@example.com',
      'bob@example.com',
    ]);
  });

  it('is upgraded once when four handles in one process open it at once', async () => {
    const { name } = await restoreMainFixture(env);
    const handles = await Promise.all([1, 2, 3, 4].map(() => open(name)));
    for (const ws of handles)
      expect(await recordedLabels(ws.storage.db)).toEqual(labels(PLATFORM_MIGRATIONS));
    expect((await (handles[0] as Workspace).users.list()).map((u) => u.email).sort()).toEqual([
      'ada@example.com',
      'bob@example.com',
    ]);
  });

  it('takes the later migrations in the same upgrade as the first', async () => {
    const { name } = await restoreMainFixture(env);
    const storage = await storageOf(name);
    const next = [...PLATFORM_MIGRATIONS, addsProbe()];
    expect(await storage.migrate((db) => migratePlatform(db, env.dialect, next))).toEqual({
      from: 0,
      to: NEWEST + 1,
      applied: next.map(migrationLabel),
    });
    expect(await recordedLabels(storage.db)).toEqual(labels(next));
    expect(await storage.db.selectFrom('tessera_user').select('email').orderBy('email').execute()).toEqual([
      { email: 'ada@example.com' },
      { email: 'bob@example.com' },
    ]);
  });

  it('is left exactly as main made it when a migration of its upgrade fails', async () => {
    const { name } = await restoreMainFixture(env);
    const storage = await storageOf(name);
    const schema = await schemaSnapshot({ storage });
    const rows = await rowsOf(storage);
    const failing = [...PLATFORM_MIGRATIONS, addsProbe(), breaksHalfway(NEWEST + 2)];
    await expect(storage.migrate((db) => migratePlatform(db, env.dialect, failing))).rejects.toThrow(
      `migration ${NEWEST + 2} broke`,
    );
    expect(await schemaSnapshot({ storage })).toEqual(schema);
    expect(await rowsOf(storage)).toEqual(rows);
    expect(schema.join('\n')).not.toContain(SCHEMA_MIGRATIONS);
  });
});
