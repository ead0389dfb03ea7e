/**
 * A large package install over HTTP: the server keeps answering while its seed data loads, the install lands
 * whole or not at all, and a dry run finds every bad row the install would.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, set, text } from '../../engine/test/documents.js';
import { itemRow, seedPackage } from '../bench/seed-package.js';
import { serveForTest, type TestApi } from '../test/server.js';

/** About 37,000 rows: before seed data was loaded in batches, this held the server for seconds. */
const LARGE = 2 * 1024 * 1024;

describeEachDialect('package install with seed data over HTTP', (env) => {
  const servers: TestApi[] = [];
  afterEach(async () => {
    for (const api of servers.splice(0)) await api.server.close().catch(() => {});
  });

  async function start() {
    const ws = await env.open();
    // A workspace in use: an object with a record, and the metadata validators warmed by a first deploy.
    await ws.deploy(set(object('visit', { note: text() })));
    await ws.records.insert('visit', { name: 'before' });
    const api = await serveForTest(ws);
    servers.push(api);
    return { ws, api };
  }

  /** The slowest answer of `/health` and a record list, asked every 50 ms until `done` settles. */
  async function slowestAnswerWhile(api: TestApi, done: Promise<unknown>) {
    let settled = false;
    void done.finally(() => {
      settled = true;
    });
    let slowest = 0;
    let asked = 0;
    while (!settled) {
      // Timed from when the question was due, so waiting for a busy event loop counts.
      const due = performance.now();
      const [health, list] = await Promise.all([
        fetch(`${api.server.url}/api/v1/health`),
        api.call('GET', '/api/v1/data/visit'),
      ]);
      expect([health.status, list.status]).toEqual([200, 200]);
      slowest = Math.max(slowest, performance.now() - due);
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { slowest, asked };
  }

  it('keeps answering /health and lists within a second while a large package installs; a write meanwhile lands too', async () => {
    const { api } = await start();
    const install = api.call('POST', '/api/v1/meta/packages', seedPackage(LARGE));
    // A write asked during the install succeeds (once the install is done, if it is still running).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const write = api.call('POST', '/api/v1/data/visit', { name: 'during' });
    const { slowest, asked } = await slowestAnswerWhile(api, install);
    const installed = await install;
    expect(installed.status).toBe(201);
    expect(installed.body.data.seeded).toEqual({
      'data/category.csv': 50,
      'data/item.csv': expect.any(Number),
    });
    expect(installed.body.data.seeded['data/item.csv']).toBeGreaterThan(35_000);
    // The install took a while, and nothing waited a second for an answer meanwhile.
    expect(asked).toBeGreaterThan(3);
    expect(slowest).toBeLessThan(1000);
    expect((await write).status).toBe(201);
    const items = await api.call('GET', '/api/v1/data/item?limit=1&filter={"name":{"eq":"Item number 7"}}');
    expect(items.body.data).toMatchObject([{ name: 'Item number 7', qty: 7, status: 'new' }]);
  });

  it('refuses a large install whose last row is bad, and leaves nothing of it', async () => {
    const { ws, api } = await start();
    const pkg = seedPackage(LARGE / 2, (i) => itemRow(i));
    const item = pkg.data[1] as { text: string };
    const lines = item.text.trimEnd().split('\n');
    lines[lines.length - 1] = 'The last one,1,1.5,broken,2026-01-01,Category 1';
    item.text = `${lines.join('\n')}\n`;
    const refused = await api.call('POST', '/api/v1/meta/packages', pkg);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'invalid_seed_data',
      errors: [{ field: `data/item.csv/${lines.length}/status`, code: 'enum' }],
    });
    expect((await api.call('GET', '/api/v1/meta/packages')).body.data).toEqual([]);
    expect((await api.call('GET', '/api/v1/data/item')).status).toBe(404);
    for (const table of ['item', 'category'])
      await expect(ws.storage.db.selectFrom(table).select('id').execute()).rejects.toThrow(table);
    expect(ws.model.version).toBe(1);
  });

  it('a dry run reports every bad seed row at once, as the install does, and changes nothing', async () => {
    const { ws, api } = await start();
    const pkg = seedPackage(0);
    (pkg.data[1] as { text: string }).text = [
      'name,qty,price,status,due,category',
      'Fine,1,1.5,new,2026-02-28,Category 1',
      'Unknown category,1,1.5,new,2026-02-28,Category 999',
      'Impossible date,1,1.5,new,2026-02-30,Category 1',
      'Bad status,1,1.5,broken,2026-02-28,Category 1',
      '',
    ].join('\n');
    const expected = [
      { field: 'data/item.csv/3/category', code: 'unknown_key' },
      { field: 'data/item.csv/4/due', code: 'bad_value' },
      { field: 'data/item.csv/5/status', code: 'enum' },
    ];
    for (const query of ['?dryRun=true', '']) {
      const refused = await api.call('POST', `/api/v1/meta/packages${query}`, pkg);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('invalid_seed_data');
      expect(refused.body.detail).toMatch(/^3 problems in the seed data; /);
      expect(refused.body.errors).toMatchObject(expected);
      expect(refused.body.errors.map((e: { message: string }) => e.message)).toEqual([
        'line 3, column category: no category record has name "Category 999"',
        expect.stringMatching(/^line 4, column due: /),
        expect.stringMatching(/^line 5, column status: /),
      ]);
    }
    expect((await api.call('GET', '/api/v1/meta/packages')).body.data).toEqual([]);
    expect(ws.model.version).toBe(1);
    // The good rows alone: the dry run counts what would load, and still changes nothing.
    (pkg.data[1] as { text: string }).text = 'name,category\nFine,Category 1\n';
    const dry = await api.call('POST', '/api/v1/meta/packages?dryRun=true', pkg);
    expect([dry.status, dry.body.data.applied, dry.body.data.seeded]).toEqual([
      200,
      false,
      { 'data/category.csv': 50, 'data/item.csv': 1 },
    ]);
    expect((await api.call('GET', '/api/v1/data/item')).status).toBe(404);
  });
});
