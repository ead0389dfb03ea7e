/**
 * `GET /search` over HTTP: hits grouped by object for whoever may read them, the caller's record scope and
 * field-level security applied, bad parameters refused with a problem naming them, and the path in OpenAPI.
 */
import type { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const searchable = text({ 'x-tessera': { field: 'text', searchable: true } });
const DOCS = {
  objects: [object('account', { city: searchable, memo: searchable }), object('lead', {})],
  permissionSets: [
    {
      kind: 'permission_set' as const,
      apiName: 'sales',
      objects: { account: { read: true, create: true, edit: true } },
      fields: { account: { memo: 'none' as const } },
    },
  ],
};

describeEachDialect('search over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let rep: (path: string) => Promise<TestResponse>;
  const admin = (path: string) => api.call('GET', `/api/v1${path}`);
  const hits = (res: TestResponse) =>
    res.body.data.flatMap((g: { object: string; records: { name: string; field: string }[] }) =>
      g.records.map((r) => `${g.object}:${r.name}:${r.field}`),
    );

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    const user = await api.call('POST', '/api/v1/users', {
      email: 'rep@example.com',
      name: 'Rep',
      password: 'correct horse battery',
      permissionSets: ['sales'],
    });
    const userId = user.body.data.id as string;
    const token = (await api.call('POST', '/api/v1/tokens', { name: 'rep', userId })).body.data.token;
    rep = (path) => api.call('GET', `/api/v1${path}`, undefined, { authorization: `Bearer ${token}` });
    await ws.records.insert('account', { name: 'Northwind Traders', city: 'Seattle' }, { userId });
    await ws.records.insert('account', { name: 'Northwind Outlet', memo: 'Seattle office' });
    await ws.records.insert('lead', { name: 'Northwind lead' });
  });
  afterAll(() => api.server.close());

  it('answers hits grouped by object, with the field matched', async () => {
    const res = await admin(`/search?q=${encodeURIComponent('northwind')}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((g: { object: string }) => g.object)).toEqual(['account', 'lead']);
    expect(hits(res).sort()).toEqual([
      'account:Northwind Outlet:name',
      'account:Northwind Traders:name',
      'lead:Northwind lead:name',
    ]);
    expect(hits(await admin('/search?q=seattle&objects=account')).sort()).toEqual([
      'account:Northwind Outlet:memo',
      'account:Northwind Traders:city',
    ]);
    expect(hits(await admin('/search?q=northwind&objects=lead&limit=1'))).toEqual([
      'lead:Northwind lead:name',
    ]);
  });

  it('shows a user only their records, objects and fields', async () => {
    expect(hits(await rep('/search?q=northwind'))).toEqual(['account:Northwind Traders:name']);
    expect(hits(await rep('/search?q=seattle'))).toEqual(['account:Northwind Traders:city']);
    expect(hits(await rep('/search?q=office'))).toEqual([]);
    const lead = await rep('/search?q=northwind&objects=lead');
    expect([lead.status, lead.body.code]).toEqual([404, 'unknown_object']);
  });

  it('refuses a missing query, a bad limit and an unknown parameter, naming them', async () => {
    for (const [path, code, field] of [
      ['/search', 'invalid_query', 'q'],
      ['/search?q=%20', 'invalid_query', 'q'],
      ['/search?q=a&limit=many', 'invalid_query', 'limit'],
      ['/search?q=a&limit=500', 'invalid_query', 'limit'],
      ['/search?q=a&sort=name', 'unknown_parameter', 'sort'],
    ] as const) {
      const res = await admin(path);
      expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([400, code, field]);
    }
    expect((await api.call('GET', '/api/v1/search?q=a', undefined, { authorization: '' })).status).toBe(401);
  });

  it('is described in OpenAPI', async () => {
    const doc = (await admin('/openapi.json')).body;
    expect(doc.paths['/api/v1/search'].get.operationId).toBe('search');
    expect(doc.components.schemas.SearchGroup.required).toEqual(['object', 'records']);
  });
});
