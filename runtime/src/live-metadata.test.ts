import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, set, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

describeEachDialect('live metadata changes', (env) => {
  const servers: TestApi[] = [];
  afterEach(async () => {
    for (const api of servers.splice(0)) await api.server.close().catch(() => {});
  });

  it('adds a field while 8 clients write: no write fails or is lost', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('visit', { note: text() })));
    const api = await serveForTest(ws);
    servers.push(api);
    const failures: unknown[] = [];
    let written = 0;
    let fieldAdded = false;
    const writer = async (n: number) => {
      for (let i = 0; i < 40; i++) {
        // Once the field exists, writers start using it: the new rules apply at once.
        const body = fieldAdded
          ? { name: `w${n}-${i}`, rating: (i % 5) + 1 }
          : { name: `w${n}-${i}`, note: 'x' };
        const r = await api.call('POST', '/api/v1/data/visit', body);
        if (r.status === 201) written++;
        else failures.push(r.body);
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const added = await api.call('POST', '/api/v1/meta/objects/visit/fields', {
      apiName: 'rating',
      schema: { type: 'integer', minimum: 1, maximum: 5, 'x-tessera': { field: 'integer' } },
    });
    expect(added.status).toBe(201);
    fieldAdded = true;
    await Promise.all(writers);
    expect(failures).toEqual([]);
    expect(written).toBe(320);
    const count = await api.call('GET', '/api/v1/data/visit?limit=1&count=true');
    expect(count.body.page.total).toBe(320);
    const rated = await api.call('POST', '/api/v1/data/visit/query', {
      filter: { rating: { isNull: false } },
      count: true,
      limit: 1,
    });
    expect(rated.body.page.total).toBeGreaterThan(0);
    const bad = await api.call('POST', '/api/v1/data/visit', { name: 'x', rating: 9 });
    expect(bad.status).toBe(422);
  });

  it('serves a field added through another server within a second', async () => {
    const first = await env.open();
    await first.deploy(set(object('asset', {})));
    const second = await env.reopen(first);
    const a = await serveForTest(first);
    const b = await serveForTest(second);
    servers.push(a, b);
    const added = await a.call('POST', '/api/v1/meta/objects/asset/fields', {
      apiName: 'serial',
      schema: { type: 'string', maxLength: 3, 'x-tessera': { field: 'text' } },
    });
    expect(added.status).toBe(201);
    const started = Date.now();
    const written = await b.call('POST', '/api/v1/data/asset', { name: 'Pump', serial: 'S1' });
    expect(written.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(1000);
    // And the other server never accepts what the new rules refuse.
    expect((await b.call('POST', '/api/v1/data/asset', { name: 'Pump', serial: 'TOO-LONG' })).status).toBe(
      422,
    );
    const described = await b.call('GET', '/api/v1/meta/objects/asset');
    expect(described.body.data.properties).toHaveProperty('serial');
  });

  it('serves an object deployed by another process (as the CLI does) within a second, reads only', async () => {
    const served = await env.open();
    await served.deploy(set(object('asset', {})));
    const api = await serveForTest(served);
    servers.push(api);
    expect((await api.call('GET', '/api/v1/data/visit')).status).toBe(404);
    const cli = await env.reopen(served);
    await cli.deploy(set(object('asset', {}), object('visit', { note: text() })));
    const started = Date.now();
    let listed = await api.call('GET', '/api/v1/data/visit');
    // Only reads: nothing this server does may be what makes it notice the change.
    while (listed.status === 404 && Date.now() - started < 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      listed = await api.call('GET', '/api/v1/data/visit');
    }
    expect(listed.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    const openapi = await api.call('GET', '/api/v1/openapi.json');
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/data/visit');
  });
});
