/**
 * The trash over HTTP: listing deleted objects and fields, purging them for good (dry run first), refusing a
 * restore of what was purged, and only for workspace admins.
 */
import type { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { schemaSnapshot } from '../../engine/test/schema-snapshot.js';
import { serveForTest, type TestApi } from '../test/server.js';

const compact = (id: string) => id.replaceAll('-', '');
const trashedStorage = async (ws: Workspace) =>
  (await schemaSnapshot(ws)).join('\n').match(/tessera_deleted_[0-9a-f]+/g) ?? [];

describeEachDialect('the trash over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let metaManagerToken: string;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy({
      objects: [
        object('lead', { source: text() }),
        object('visit', { note: text() }),
        object('machine', { serial: text(), site: text() }),
      ],
      permissionSets: [{ kind: 'permission_set', apiName: 'designer', system: { manageMetadata: true } }],
    });
    for (const name of ['lead', 'visit', 'machine'])
      await ws.records.insertMany(name, [
        { name: `${name} 1`, ...(name === 'machine' ? { serial: 'S-1', site: 'Pudong' } : {}) },
        { name: `${name} 2` },
      ]);
    api = await serveForTest(ws);
    const user = await api.call('POST', '/api/v1/users', {
      email: 'designer@example.com',
      password: 'correct horse battery',
      permissionSets: ['designer'],
    });
    const token = await api.call('POST', '/api/v1/tokens', { name: 't', userId: user.body.data.id });
    metaManagerToken = token.body.data.token;
  });
  afterAll(() => api.server.close());

  it('purges one deleted object for good, after a dry run; the other stays restorable', async () => {
    const before = ws.model.version;
    for (const name of ['lead', 'visit'])
      expect((await api.call('DELETE', `/api/v1/meta/objects/${name}`)).status).toBe(200);
    const listed = await api.call('GET', '/api/v1/meta/trash');
    expect(listed.status).toBe(200);
    const lead = listed.body.data.find((e: { apiName: string }) => e.apiName === 'lead');
    expect(listed.body.data.map((e: { kind: string; apiName: string }) => `${e.kind} ${e.apiName}`)).toEqual([
      'object lead',
      'object visit',
    ]);

    const dry = await api.call('DELETE', '/api/v1/meta/trash/objects/lead?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.meta).toEqual({ version: before + 2, applied: false });
    expect(dry.body.data).toMatchObject([{ kind: 'object', id: lead.id, apiName: 'lead' }]);
    expect(await trashedStorage(ws)).toContain(`tessera_deleted_${compact(lead.id)}`);

    const purged = await api.call('DELETE', '/api/v1/meta/trash/objects/lead');
    expect(purged.status).toBe(200);
    expect(purged.body.meta).toEqual({ version: before + 3, applied: true });
    expect(purged.headers.get('etag')).toBe(`"${before + 3}"`);
    expect((await api.call('GET', '/api/v1/meta/trash')).body.data).toMatchObject([{ apiName: 'visit' }]);
    const storage = await trashedStorage(ws);
    expect(storage).not.toContain(`tessera_deleted_${compact(lead.id)}`);
    expect(storage.length).toBeGreaterThan(0);

    // The version before the deletions held lead: its records are gone, so it cannot be restored.
    const refused = await api.call('POST', `/api/v1/meta/versions/${before}/restore`);
    expect([refused.status, refused.body.code]).toEqual([409, 'data_purged']);
    expect(refused.body.detail).toContain('object "lead"');
    expect(ws.model.version).toBe(before + 3);
    expect(ws.model.objects.has('visit')).toBe(false);
    expect((await api.call('DELETE', '/api/v1/meta/trash/objects/lead')).body.code).toBe('not_in_trash');

    // Purging lead left visit alone: it comes back with its records.
    await ws.restoreObject('visit');
    const visits = await api.call('GET', '/api/v1/data/visit?sort=name');
    expect(visits.body.data.map((r: { name: string }) => r.name)).toEqual(['visit 1', 'visit 2']);
  });

  it('purges a deleted field: its values are gone, the object and its other fields are not', async () => {
    const before = ws.model.version;
    expect((await api.call('DELETE', '/api/v1/meta/objects/machine/fields/site')).status).toBe(200);
    expect((await api.call('DELETE', '/api/v1/meta/objects/machine/fields/serial')).status).toBe(200);
    const purged = await api.call('DELETE', '/api/v1/meta/trash/objects/machine/fields/site');
    expect(purged.status).toBe(200);
    expect(purged.body.data).toMatchObject([{ kind: 'field', apiName: 'site' }]);
    expect((await api.call('GET', '/api/v1/meta/trash')).body.data).toMatchObject([
      { kind: 'field', apiName: 'serial' },
    ]);

    const refused = await api.call('POST', `/api/v1/meta/versions/${before}/restore?dryRun=true`);
    expect([refused.status, refused.body.code]).toEqual([409, 'data_purged']);
    expect(refused.body.detail).toContain('field "machine.site"');

    await ws.restoreField('machine', 'serial');
    const machines = await api.call('GET', '/api/v1/data/machine?sort=name');
    expect(
      machines.body.data.map((r: { name: string; serial: string | null }) => [r.name, r.serial]),
    ).toEqual([
      ['machine 1', 'S-1'],
      ['machine 2', null],
    ]);
    expect(machines.body.data[0]).not.toHaveProperty('site');
  });

  it('refuses what is not in the trash, and anyone but a workspace admin, changing nothing', async () => {
    await api.call('DELETE', '/api/v1/meta/objects/machine/fields/serial');
    const version = ws.model.version;
    const unknownObject = await api.call('DELETE', '/api/v1/meta/trash/objects/nope/fields/serial');
    expect([unknownObject.status, unknownObject.body.code]).toEqual([404, 'unknown_object']);
    const notTrashed = await api.call('DELETE', '/api/v1/meta/trash/objects/machine/fields/name');
    expect([notTrashed.status, notTrashed.body.code]).toEqual([404, 'not_in_trash']);

    const designer = { authorization: `Bearer ${metaManagerToken}` };
    // The designer may change metadata, but not destroy data for good.
    expect((await api.call('GET', '/api/v1/meta/objects', undefined, designer)).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/v1/meta/trash'],
      ['DELETE', '/api/v1/meta/trash/objects/machine/fields/serial'],
    ] as const) {
      const res = await api.call(method, path, undefined, designer);
      expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(ws.model.version).toBe(version);
    expect(await ws.trash()).toMatchObject([{ kind: 'field', apiName: 'serial' }]);
  });
});
