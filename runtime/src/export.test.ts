/**
 * `GET /data/{object}/export` over HTTP: a download of every matching record the caller may read, CSV or
 * XLSX, with the list query's filter, sort and fields; bad requests answered as problems before any byte.
 */

import type { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEAL_DOCUMENTS } from '../../engine/test/deal-documents.js';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { csvRows as rows, xlsxRows } from '../../engine/test/file-rows.js';
import { serveForTest, type TestApi } from '../test/server.js';

describeEachDialect('export over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let repToken: string;
  const exportUrl = (query: Record<string, string>) =>
    `/api/v1/data/deal/export?${new URLSearchParams(query).toString()}`;

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DEAL_DOCUMENTS);
    api = await serveForTest(ws);
    const rep = await api.call('POST', '/api/v1/users', {
      email: 'rep@example.com',
      password: 'correct horse battery',
      permissionSets: ['rep'],
    });
    repToken = (await api.call('POST', '/api/v1/tokens', { name: 't', userId: rep.body.data.id })).body.data
      .token;
    const account = await ws.records.insert('account', { name: 'Acme', code: 'A-1' });
    await ws.records.insertMany(
      'deal',
      Array.from({ length: 700 }, (_, i) => ({
        name: i === 0 ? '=HYPERLINK("http://evil")' : `deal ${String(i).padStart(3, '0')}`,
        amount: i + 0.5,
        margin: 10,
        account_id: account.id,
      })),
    );
    await ws.records.insert('deal', { name: 'rep deal', margin: 33 }, { userId: rep.body.data.id });
  });
  afterAll(() => api.server.close());

  it('downloads every matching record as CSV, in the sort order, with the fields asked for', async () => {
    const res = await api.call(
      'GET',
      exportUrl({
        filter: JSON.stringify({ amount: { gte: 100 } }),
        sort: '-amount',
        fields: 'name,amount,account_id',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="deal.csv"');
    const [header, ...data] = rows(res.body);
    expect(header).toEqual(['id', 'name', 'amount', 'account_id', 'account_id.id']);
    expect(data).toHaveLength(600);
    expect(data.slice(0, 2).map((r) => r.slice(1, 4))).toEqual([
      ['deal 699', '699.5', 'Acme'],
      ['deal 698', '698.5', 'Acme'],
    ]);
  });

  it('neutralizes cells a spreadsheet would run as a formula', async () => {
    const res = await api.call('GET', exportUrl({ filter: JSON.stringify({ amount: { eq: 0.5 } }) }));
    const [header, row] = rows(res.body);
    expect(row?.[(header as string[]).indexOf('name')]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('gives a user only the records and fields they may read', async () => {
    const res = await api.call('GET', exportUrl({}), undefined, { authorization: `Bearer ${repToken}` });
    expect(res.status).toBe(200);
    const [header, ...data] = rows(res.body);
    expect(header).not.toContain('margin');
    expect(data.map((r) => r[(header as string[]).indexOf('name')])).toEqual(['rep deal']);
    const refused = await api.call('GET', exportUrl({ fields: 'name,margin' }), undefined, {
      authorization: `Bearer ${repToken}`,
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'invalid_query']);
  });

  it('downloads XLSX', async () => {
    const res = await fetch(`${api.server.url}${exportUrl({ format: 'xlsx', sort: 'amount' })}`, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="deal.xlsx"');
    const { sheet, rows: cells } = await xlsxRows(await res.arrayBuffer());
    expect([sheet, cells.length, cells[1]?.[2]]).toEqual(['deal', 702, 0.5]);
  });

  it('answers a bad request with a problem, before any byte of a file', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ format: 'pdf' }, 400, 'invalid_query'],
      [{ filter: '{nope' }, 400, 'bad_parameter'],
      [{ limit: '10' }, 400, 'unknown_parameter'],
      [{ sort: 'nope' }, 400, 'invalid_query'],
    ];
    for (const [query, status, code] of cases) {
      const res = await api.call('GET', exportUrl(query));
      expect([res.status, res.body.code, res.headers.get('content-type')]).toEqual([
        status,
        code,
        'application/problem+json',
      ]);
    }
    const unknown = await api.call('GET', '/api/v1/data/nothing/export');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'unknown_object']);
    const anonymous = await api.call('GET', exportUrl({}), undefined, { authorization: '' });
    expect(anonymous.status).toBe(401);
  });
});
