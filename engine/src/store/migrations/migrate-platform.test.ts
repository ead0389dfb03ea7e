/** Platform migrations at open: recorded, applied once, refused when too new, all or nothing. */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { platformSchemaSnapshot, schemaSnapshot } from '../../../test/schema-snapshot.js';
import { isTesseraError } from '../../errors.js';
import { Workspace } from '../../workspace.js';
import { migratePlatform, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import type { PlatformMigration } from './platform-migration.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const recorded = async (ws: Workspace) =>
  (await ws.storage.db.selectFrom(SCHEMA_MIGRATIONS).selectAll().orderBy('version').execute()).map((r) => ({
    version: Number(r.version),
    name: r.name,
    applied_at: r.applied_at,
  }));

const versionsOf = async (ws: Workspace) => (await recorded(ws)).map((r) => `${r.version} ${r.name}`);

const NEWEST = PLATFORM_MIGRATIONS.length;

/** A migration after the real ones: makes a table with a row, as a later migration would. */
const addsProbe = (version: number): PlatformMigration => ({
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

describeEachDialect('platform migrations', (env) => {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close();
  });
  const openNamed = async (workspace: string) => {
    const ws = await Workspace.open({ ...env.location, workspace });
    opened.push(ws);
    return ws;
  };

  it('records a new workspace at the newest version, with tables exactly as the baseline makes them', async () => {
    const ws = await env.open();
    const rows = await recorded(ws);
    expect(rows.map((r) => [r.version, r.name])).toEqual(PLATFORM_MIGRATIONS.map((m) => [m.version, m.name]));
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.applied_at)))).toBe(true);
    const tables = (await platformSchemaSnapshot(ws)).join('\n');
    for (const table of ['tessera_meta_head', 'tessera_user', 'tessera_token', 'tessera_sign_in_throttle'])
      expect(tables).toContain(table);
  });

  it('applies nothing and changes nothing when the workspace is opened again', async () => {
    const ws = await env.open();
    const schema = await schemaSnapshot(ws);
    const rows = await recorded(ws);
    const again = await env.reopen(ws);
    expect(await schemaSnapshot(again)).toEqual(schema);
    expect(await recorded(again)).toEqual(rows);
    expect(await ws.storage.migrate((db) => migratePlatform(db, env.dialect))).toEqual({
      from: NEWEST,
      to: NEWEST,
      applied: [],
    });
  });

  it('applies the migrations due, in order, each recorded once: the list takes migration 2 as it comes', async () => {
    const ws = await env.open();
    const next = [...PLATFORM_MIGRATIONS, addsProbe(NEWEST + 1)];
    expect(await ws.storage.migrate((db) => migratePlatform(db, env.dialect, next))).toEqual({
      from: NEWEST,
      to: NEWEST + 1,
      applied: [`${String(NEWEST + 1).padStart(4, '0')}-probe`],
    });
    expect(await ws.storage.migrate((db) => migratePlatform(db, env.dialect, next))).toMatchObject({
      applied: [],
    });
    expect(await versionsOf(ws)).toEqual([
      ...PLATFORM_MIGRATIONS.map((m) => `${m.version} ${m.name}`),
      `${NEWEST + 1} probe`,
    ]);
    expect(await ws.storage.db.selectFrom('tessera_probe').selectAll().execute()).toEqual([{ id: 1 }]);
  });

  it('rolls back every migration of an open when one fails: nothing applied, nothing recorded', async () => {
    const ws = await env.open();
    const schema = await schemaSnapshot(ws);
    const before = await recorded(ws);
    const fails: PlatformMigration = {
      version: NEWEST + 2,
      name: 'fails',
      up: async (db) => {
        await db.schema.alterTable('tessera_user').addColumn('nickname', 'text').execute();
        await db.updateTable('tessera_user').set({ nickname: 'x' }).execute();
        throw new Error('migration 2 broke');
      },
    };
    await expect(
      ws.storage.migrate((db) =>
        migratePlatform(db, env.dialect, [...PLATFORM_MIGRATIONS, addsProbe(NEWEST + 1), fails]),
      ),
    ).rejects.toThrow('migration 2 broke');
    expect(await schemaSnapshot(ws)).toEqual(schema);
    expect(await recorded(ws)).toEqual(before);
    // And the workspace opens as before.
    expect(await versionsOf(await env.reopen(ws))).toEqual(before.map((r) => `${r.version} ${r.name}`));
  });

  it('refuses a workspace that a newer Tessera upgraded, naming both versions, and changes nothing', async () => {
    const ws = await env.open();
    await ws.storage.db
      .insertInto(SCHEMA_MIGRATIONS)
      .values({ version: NEWEST + 1, name: 'from_the_future', applied_at: new Date().toISOString() })
      .execute();
    const schema = await schemaSnapshot(ws);
    const error = await env.reopen(ws).catch((e: unknown) => e);
    expect(isTesseraError(error, 'workspace_too_new')).toBe(true);
    const last = PLATFORM_MIGRATIONS.at(-1) as PlatformMigration;
    expect((error as Error).message).toContain(
      `version ${String(NEWEST + 1).padStart(4, '0')}-from_the_future`,
    );
    expect((error as Error).message).toContain(
      `knows up to ${String(last.version).padStart(4, '0')}-${last.name}`,
    );
    expect((error as { details: unknown }).details).toEqual({ version: NEWEST + 1, known: NEWEST });
    expect(await schemaSnapshot(ws)).toEqual(schema);
  });

  it('refuses a migration list whose numbers are not 1, 2, 3… in order', async () => {
    const ws = await env.open();
    const skipped = [...PLATFORM_MIGRATIONS, addsProbe(NEWEST + 2)];
    await expect(ws.storage.migrate((db) => migratePlatform(db, env.dialect, skipped))).rejects.toThrow(
      `platform migration ${String(NEWEST + 2).padStart(4, '0')}-probe is number ${NEWEST + 1} in the list`,
    );
    expect(await versionsOf(ws)).toEqual(PLATFORM_MIGRATIONS.map((m) => `${m.version} ${m.name}`));
  });

  it('opens a new workspace from four handles at once: each migration applied and recorded once', async () => {
    const name = env.newName();
    const handles = await Promise.all([1, 2, 3, 4].map(() => openNamed(name)));
    for (const ws of handles)
      expect(await versionsOf(ws)).toEqual(PLATFORM_MIGRATIONS.map((m) => `${m.version} ${m.name}`));
    const heads = await (handles[0] as Workspace).storage.db
      .selectFrom('tessera_meta_head')
      .selectAll()
      .execute();
    expect(heads).toEqual([{ id: 1, version: 0 }]);
  });
});
