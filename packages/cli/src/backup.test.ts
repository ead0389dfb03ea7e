/**
 * `tessera backup` in a process of its own while a server (in this process) writes records in a loop, then `tessera restore` into an empty
 * place: every workspace opens, every table is there, every row committed before the backup began is there,
 * nothing that was never committed is, and the database's own checks pass.
 */
import { cpSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteProblems, Workspace } from '@tessera/engine';
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { schemaSnapshot } from '../../../engine/test/schema-snapshot.js';
import { serveForTest, TOKEN } from '../../../runtime/test/server.js';
import { freshLocation, type Location, tessera, tesseraHere } from '../test/cli-process.js';

async function call(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** Writes records one after another until stopped; `acked` holds the names the server confirmed, in order. */
function writeInALoop(url: string) {
  const acked: string[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const res = await call(url, 'POST', '/data/reading', { name: `r${i}`, value: i });
      if (res.status !== 201) throw new Error(`write ${i} failed: ${JSON.stringify(res.body)}`);
      acked.push(`r${i}`);
    }
  })();
  return {
    acked,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describeEachDialect('tessera backup and restore while a server writes', (env) => {
  const servers: (() => Promise<void>)[] = [];
  const backupDir = join(mkdtempSync(join(tmpdir(), 'tessera-backup-')), 'backup');
  const locations: Location[] = [];
  const fresh = async () => {
    const location = await freshLocation(env.dialect);
    locations.push(location);
    return location;
  };
  afterAll(async () => {
    for (const stop of servers.splice(0)) await stop();
    for (const location of locations) await location.remove();
    rmSync(join(backupDir, '..'), { recursive: true, force: true });
  });

  // Processes start slowly on a busy machine.
  it('backs up every workspace consistently mid-write; the restore has every committed row', {
    timeout: 180_000,
  }, async () => {
    const source = await fresh();
    const tenant = await tesseraHere(
      source.env,
      'workspace',
      'create',
      'acme',
      '--email',
      'boss@acme.example',
    );
    expect(tenant.code).toBe(0);
    const served = await Workspace.open({ ...source, workspace: 'default' });
    const { server } = await serveForTest(served, source);
    // The registry leaves its default workspace to whoever opened it.
    const stop = async () => {
      await server.close();
      await served.close();
    };
    servers.push(stop);
    const { url } = server;
    // Made just now, so on SQLite the table is still only in the write-ahead log.
    const made = await call(url, 'PUT', '/meta/objects/reading', {
      type: 'object',
      'x-tessera': { apiName: 'reading', nameField: 'name' },
      properties: {
        name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } },
        value: { type: 'integer', 'x-tessera': { field: 'integer' } },
      },
    });
    expect(made.status).toBe(201);
    const writer = writeInALoop(url);
    while (writer.acked.length < 50) await new Promise((r) => setTimeout(r, 20));

    const committedBefore = [...writer.acked];
    const backedUp = await tessera(source.env, 'backup', '--out', backupDir);
    const ackedByEnd = writer.acked.length;
    await writer.stop();
    expect(backedUp.stderr).not.toContain('failed');
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toContain('Backed up 2 workspace(s)');
    // The server kept writing while the backup ran.
    expect(ackedByEnd).toBeGreaterThan(committedBefore.length);
    const sourceWs = await Workspace.open({ ...source, workspace: 'default' });
    const sourceSchema = await schemaSnapshot(sourceWs);
    const sourceVersion = sourceWs.model.version;
    await sourceWs.close();
    await servers.pop()?.();

    const target = await fresh();
    const restored = await tesseraHere(target.env, 'restore', backupDir);
    expect(restored.stderr).not.toContain('tessera restore:');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored workspace "default" at metadata version ${sourceVersion}`);

    const ws = await Workspace.open({ ...target, workspace: 'default' });
    try {
      expect(await schemaSnapshot(ws)).toEqual(sourceSchema);
      const names = (await ws.storage.db.selectFrom('reading').select('name').execute()).map((r) => r.name);
      const all = new Set(writer.acked);
      expect(names.filter((n) => !all.has(n))).toEqual([]);
      const present = new Set(names);
      expect(committedBefore.filter((n) => !present.has(n))).toEqual([]);
      if (env.dialect === 'sqlite')
        expect(sqliteProblems(join(target.dataDir, 'default.sqlite'))).toEqual([]);
    } finally {
      await ws.close();
    }
    const acme = await Workspace.open({ ...target, workspace: 'acme' });
    try {
      expect((await acme.users.list()).map((u) => u.email)).toEqual(['boss@acme.example']);
    } finally {
      await acme.close();
    }
  });

  it('restores only into an empty place unless --force, and names what is in the way', {
    timeout: 120_000,
  }, async () => {
    const [, target] = locations as [Location, Location];
    const again = await tesseraHere(target.env, 'backup', '--out', backupDir);
    expect([again.code, again.stderr.trim()]).toEqual([
      1,
      `tessera backup: ${backupDir} is not empty: a backup goes into a new or empty folder`,
    ]);
    const acme = { ...target, workspace: 'acme' };
    const changed = await Workspace.open(acme);
    await changed.users.create(
      { email: 'late@acme.example', password: 'correct horse battery' },
      changed.model.documents,
    );
    await changed.close();
    const emails = async () => {
      const ws = await Workspace.open(acme);
      const list = (await ws.users.list()).map((u) => u.email).sort();
      await ws.close();
      return list;
    };

    const refused = await tesseraHere(target.env, 'restore', backupDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the target is not empty');
    expect(refused.stderr).toContain('workspace "acme"');
    expect(await emails()).toEqual(['boss@acme.example', 'late@acme.example']);

    // A backup whose workspace file is damaged: the forced restore fails and keeps what was there.
    const damaged = join(backupDir, '..', 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const file = join(damaged, 'workspaces', `acme.${env.dialect === 'sqlite' ? 'sqlite' : 'dump'}`);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const failed = await tesseraHere(target.env, 'restore', damaged, '--force');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/pg_restore failed|integrity check|malformed/);
    expect(await emails()).toEqual(['boss@acme.example', 'late@acme.example']);

    const forced = await tesseraHere(target.env, 'restore', backupDir, '--force');
    expect(forced.code).toBe(0);
    expect(await emails()).toEqual(['boss@acme.example']);
  });
});
