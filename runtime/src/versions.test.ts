/** Metadata history over HTTP: versions, the diff of any two, and restoring one (planned first, then applied). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

describeEachDialect('metadata versions over HTTP', (env) => {
  let api: TestApi;
  let first: number;
  beforeAll(async () => {
    const ws = await env.openForSuite();
    first = (await ws.deploy({ objects: [object('machine', { serial: text() })] })).version;
    api = await serveForTest(ws);
    await api.call('POST', '/api/v1/meta/objects/machine/fields', { apiName: 'site', schema: text() });
  });
  afterAll(() => api.server.close());

  it('diffs two versions document by document, value by value', async () => {
    const diff = await api.call('GET', `/api/v1/meta/versions/${first}/diff/${first + 1}`);
    expect(diff.status).toBe(200);
    expect(diff.body.data).toEqual([
      {
        kind: 'object',
        name: 'machine',
        change: 'changed',
        changes: [{ pointer: '/properties/site', after: expect.objectContaining({ type: 'string' }) }],
      },
    ]);
    expect(diff.body.data[0].changes[0].after['x-tessera'].field).toBe('text');
  });

  it('restores a version: the plan first, changing nothing, then as a new version', async () => {
    const planned = await api.call('POST', `/api/v1/meta/versions/${first}/restore?dryRun=true`);
    expect(planned.status).toBe(200);
    expect(planned.body.meta.applied).toBe(false);
    expect(planned.body.meta.plan.map((s: { kind: string }) => s.kind)).toEqual(['drop_field']);
    expect((await api.call('GET', '/api/v1/meta/objects/machine')).body.data.properties).toHaveProperty(
      'site',
    );
    const restored = await api.call('POST', `/api/v1/meta/versions/${first}/restore`);
    expect(restored.body.meta).toMatchObject({ applied: true, version: first + 2 });
    expect((await api.call('GET', '/api/v1/meta/objects/machine')).body.data.properties).not.toHaveProperty(
      'site',
    );
    const versions = (await api.call('GET', '/api/v1/meta/versions')).body.data;
    expect(versions[0].message).toBe(`Restore version ${first}`);
  });

  it('refuses what is not a version', async () => {
    expect((await api.call('GET', '/api/v1/meta/versions/x/diff/1')).body.code).toBe('bad_parameter');
    const missing = await api.call('POST', '/api/v1/meta/versions/999/restore');
    expect([missing.status, missing.body.code]).toEqual([404, 'unknown_version']);
  });
});
