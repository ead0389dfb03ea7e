/** Platform migrations at open: recorded, applied once, refused when too new, all or nothing. */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { platformSchemaSnapshot, schemaSnapshot } from '../../../test/schema-snapshot.js';
import { addsProbe, breaksHalfway, labels, NEWEST } from '../../../test/test-migrations.js';
import { isTesseraError } from '../../errors.js';
import { Workspace } from '../../workspace.js';
import { migratePlatform, migrationLabel, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import type { PlatformMigration } from './platform-migration.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const recorded = async (ws: Workspace) =>
  (await ws.storage.db.selectFrom(SCHEMA_MIGRATIONS).selectAll().orderBy('version').execute()).map((r) => ({
    version: Number(r.version),
    name: String(r.name),
    applied_at: String(r.applied_at),
  }));

const recordedLabels = async (ws: Workspace) => labels(await recorded(ws));

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
  const migrate = (ws: Workspace, migrations: readonly PlatformMigration[]) =>
    ws.storage.migrate((db) => migratePlatform(db, env.dialect, migrations));

  it('records a new workspace at the newest version, with every platform table', async () => {
    const ws = await env.open();
    const rows = await recorded(ws);
    expect(labels(rows)).toEqual(labels(PLATFORM_MIGRATIONS));
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.applied_at)))).toBe(true);
    const tables = (await platformSchemaSnapshot(ws)).join('\n');
    for (const table of [
      'tessera_meta_head',
      'tessera_user',
      'tessera_token',
      'tessera_sign_in_throttle',
      'tessera_personal_view',
    ])
      expect(tables).toContain(table);
  });

  it('applies nothing and changes nothing when the workspace is opened again', async () => {
    const ws = await env.open();
    const schema = await schemaSnapshot(ws);
    const rows = await recorded(ws);
    const again = await env.reopen(ws);
    expect(await schemaSnapshot(again)).toEqual(schema);
    expect(await recorded(again)).toEqual(rows);
    expect(await migrate(ws, PLATFORM_MIGRATIONS)).toEqual({ from: NEWEST, to: NEWEST, applied: [] });
  });

  it('applies the migrations due in order, each recorded once: the list takes the next one as it comes', async () => {
    const ws = await env.open();
    const next = [...PLATFORM_MIGRATIONS, addsProbe()];
    expect(await migrate(ws, next)).toEqual({
      from: NEWEST,
      to: NEWEST + 1,
      applied: [migrationLabel(addsProbe())],
    });
    expect(await migrate(ws, next)).toEqual({ from: NEWEST + 1, to: NEWEST + 1, applied: [] });
    expect(await recordedLabels(ws)).toEqual(labels(next));
    expect(await ws.storage.db.selectFrom('tessera_probe').selectAll().execute()).toEqual([{ id: 1 }]);
  });

  it('rolls back every migration of an open when one fails: nothing applied, nothing recorded', async () => {
    const ws = await env.open();
    const schema = await schemaSnapshot(ws);
    const before = await recorded(ws);
    await expect(
      migrate(ws, [...PLATFORM_MIGRATIONS, addsProbe(), breaksHalfway(NEWEST + 2)]),
    ).rejects.toThrow(`migration ${NEWEST + 2} broke`);
    expect(await schemaSnapshot(ws)).toEqual(schema);
    expect(await recorded(ws)).toEqual(before);
    // And the workspace opens as before.
    expect(await recordedLabels(await env.reopen(ws))).toEqual(labels(before));
  });

  it('refuses a workspace that a newer Tessera upgraded, naming both versions, and changes nothing', async () => {
    const ws = await env.open();
    const future = { version: NEWEST + 1, name: 'from_the_future' };
    await ws.storage.db
      .insertInto(SCHEMA_MIGRATIONS)
      .values({ ...future, applied_at: new Date().toISOString() })
      .execute();
    const schema = await schemaSnapshot(ws);
    const error = await env.reopen(ws).catch((e: unknown) => e);
    expect(isTesseraError(error, 'workspace_too_new')).toBe(true);
    const known = PLATFORM_MIGRATIONS.at(-1) as PlatformMigration;
    expect((error as Error).message).toContain(`at version ${migrationLabel(future)}`);
    expect((error as Error).message).toContain(`knows up to ${migrationLabel(known)}`);
    expect((error as { details: unknown }).details).toEqual({ version: NEWEST + 1, known: NEWEST });
    expect(await schemaSnapshot(ws)).toEqual(schema);
  });

  it('refuses a migration list whose numbers are not 1, 2, 3… in order, before changing anything', async () => {
    const ws = await env.open();
    const skipping = [...PLATFORM_MIGRATIONS, addsProbe(NEWEST + 2)];
    await expect(migrate(ws, skipping)).rejects.toThrow(
      `platform migration ${migrationLabel(addsProbe(NEWEST + 2))} is number ${NEWEST + 1} in the list`,
    );
    expect(await recordedLabels(ws)).toEqual(labels(PLATFORM_MIGRATIONS));
  });

  it('opens a new workspace from four handles at once: each migration applied and recorded once', async () => {
    const name = env.newName();
    const handles = await Promise.all([1, 2, 3, 4].map(() => openNamed(name)));
    for (const ws of handles) expect(await recordedLabels(ws)).toEqual(labels(PLATFORM_MIGRATIONS));
    const heads = await (handles[0] as Workspace).storage.db
      .selectFrom('tessera_meta_head')
      .selectAll()
      .execute();
    expect(heads).toEqual([{ id: 1, version: 0 }]);
  });
});
