/**
 * The typed client end to end: types generated from a live workspace, a program that uses them compiled by
 * tsc (wrong records must not compile), and the same calls made against a real server.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, TesseraApiError } from '@tessera/client';
import { Workspace } from '@tessera/engine';
import {
  hashToken,
  type RunningServer,
  silentLogger,
  startServer,
  WorkspaceRegistry,
} from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { object, set, text } from '../engine/test/documents.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const GENERATED = join(HERE, '.generated');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const DOCS = set(
  object('account', {}),
  object(
    'equipment_asset',
    {
      serial_no: text({ 'x-tessera': { field: 'text', unique: true } }),
      status: {
        type: 'string',
        enum: ['active', 'retired'],
        'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
      },
      customer_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
    },
    ['serial_no'],
  ),
);

describe('typed client', () => {
  let ws: Workspace;
  let server: RunningServer;
  beforeAll(async () => {
    ws = await Workspace.open({
      dataDir: mkdtempSync(join(tmpdir(), 'tessera-client-')),
      workspace: 'client',
    });
    await ws.deploy(DOCS);
    server = await startServer({
      workspaces: new WorkspaceRegistry('default', ws),
      adminTokenHash: hashToken('t'),
      log: silentLogger,
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await server.close();
    await ws.close();
    rmSync(GENERATED, { recursive: true, force: true });
  });

  it('type-checks programs against the generated types', async () => {
    mkdirSync(GENERATED, { recursive: true });
    writeFileSync(join(GENERATED, 'tessera-types.ts'), await ws.model.typescript());
    writeFileSync(
      join(GENERATED, 'program.ts'),
      `import { createClient } from '@tessera/client';
import type { TesseraObjects } from './tessera-types.js';

const client = createClient<TesseraObjects>({ baseUrl: 'http://127.0.0.1:4000', token: 't' });
export const ok = client.data('equipment_asset').create({ name: 'Pump', serial_no: 'S-1', status: 'active' });
// @ts-expect-error serial_no is required
export const missing = client.data('equipment_asset').create({ name: 'Pump' });
// @ts-expect-error not a status
export const badStatus = client.data('equipment_asset').create({ name: 'P', serial_no: 'S', status: 'lost' });
// @ts-expect-error no such object
export const noObject = client.data('vending_machine');
export const serial: Promise<string> = client.data('equipment_asset').get('id').then((r) => r.serial_no);
`,
    );
    const tsconfig = join(GENERATED, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          target: 'ES2022',
          skipLibCheck: true,
          types: [],
        },
        files: ['program.ts'],
      }),
    );
    const result = spawnSync(process.execPath, [TSC, '-p', tsconfig], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('talks to a real server', async () => {
    const client = createClient<
      Record<string, { record: Record<string, unknown>; create: object; update: object }>
    >({
      baseUrl: server.url,
      token: 't',
    });
    const assets = client.data('equipment_asset');
    const created = await assets.create({ name: 'Pump', serial_no: 'S-1', status: 'active' });
    expect(created).toMatchObject({ serial_no: 'S-1', version: 1 });
    const updated = await assets.update(created.id as string, { status: 'retired' }, { ifVersion: 1 });
    expect(updated.version).toBe(2);
    const stale = await assets
      .update(created.id as string, { status: 'active' }, { ifVersion: 1 })
      .catch((e) => e);
    expect(stale).toBeInstanceOf(TesseraApiError);
    expect([stale.status, stale.code]).toEqual([412, 'version_conflict']);
    await assets.bulk(
      'create',
      [1, 2, 3, 4, 5].map((n) => ({ name: `P${n}`, serial_no: `B-${n}` })),
    );
    const all: unknown[] = [];
    for await (const record of assets.all({ limit: 2, sort: 'serial_no' })) all.push(record);
    expect(all).toHaveLength(6);
    const [found] = await client.search('p3', { objects: ['equipment_asset'], limit: 2 });
    expect(found).toMatchObject({ object: 'equipment_asset', records: [{ name: 'P3', field: 'name' }] });
    await expect(client.search(' ')).rejects.toMatchObject({ status: 400, code: 'invalid_query' });
    await assets.delete(created.id as string);
    await expect(assets.get(created.id as string)).rejects.toMatchObject({
      status: 404,
      code: 'record_not_found',
    });
  });

  it('keeps the caller’s own lists of records: recent, followed, and what changed on those', async () => {
    // The platform admin's token acts as the workspace's first admin: lists belong to a user. Made through the
    // server, which then forgets the admin it remembered (none) for the earlier tests.
    const made = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'owner@example.com',
        name: 'Owner',
        password: 'correct horse battery',
        admin: true,
      }),
    });
    expect(made.status).toBe(201);
    const client = createClient<
      Record<string, { record: Record<string, unknown>; create: object; update: object }>
    >({ baseUrl: server.url, token: 't' });
    const asset = await client
      .data('equipment_asset')
      .create({ name: 'Fan', serial_no: 'F-1', status: 'active' });
    const id = asset.id as string;
    expect(await client.me.add('recent', 'equipment_asset', id)).toMatchObject({ id, name: 'Fan' });
    expect((await client.me.records('recent')).map((r) => r.id)).toEqual([id]);
    expect(await client.me.listed('follow', 'equipment_asset', id)).toBe(false);
    await client.me.add('follow', 'equipment_asset', id);
    expect(await client.me.listed('follow', 'equipment_asset', id)).toBe(true);
    expect(await client.me.followedChanges()).toEqual([]);
    await client.me.remove('follow', 'equipment_asset', id);
    expect(await client.me.records('follow')).toEqual([]);
    await expect(
      client.me.add('follow', 'equipment_asset', '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({
      status: 404,
      code: 'record_not_found',
    });
  });
});
