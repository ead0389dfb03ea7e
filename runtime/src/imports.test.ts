/**
 * Imports over HTTP: `POST /imports` (multipart streamed to disk under the upload cap, or JSON with the CSV
 * text) queues a job the server's import runner carries out; `GET /imports/{id}` shows it, `errors.csv` has
 * every refused row, `cancel` stops it. The same access as any write: field-level security on columns, an
 * import seen only by whoever started it. An export imports back into equal records.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEAL_DOCUMENTS } from '../../engine/test/deal-documents.js';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { csvRows } from '../../engine/test/file-rows.js';
import { serveForTest, type TestApi, TOKEN } from '../test/server.js';

const MAX_BYTES = 64 * 1024;

/** A multipart body with `file` (named `fileName`) and, when given, the `options` field. */
function form(file: string | Buffer, fileName: string, options?: unknown): FormData {
  const body = new FormData();
  if (options !== undefined)
    body.append('options', typeof options === 'string' ? options : JSON.stringify(options));
  body.append('file', new Blob([file]), fileName);
  return body;
}

/** Sends a body in chunks without a length (chunked), resolving on the answer even if the server stops reading. */
function postChunked(url: string, type: string, chunks: Buffer[]) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (error) => ((error as { code?: string }).code === 'EPIPE' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describeEachDialect('imports over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  const uploads = mkdtempSync(join(tmpdir(), 'tessera-uploads-'));
  let repToken: string;
  const post = async (body: FormData | string, type?: string, token = TOKEN, server = api) => {
    const res = await fetch(`${server.server.url}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: text ? JSON.parse(text) : undefined,
    };
  };

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DEAL_DOCUMENTS);
    api = await serveForTest(ws, undefined, undefined, { imports: { dir: uploads, maxBytes: MAX_BYTES } });
    const rep = await api.call('POST', '/api/v1/users', {
      email: 'rep@example.com',
      password: 'correct horse battery',
      permissionSets: ['rep'],
    });
    repToken = (await api.call('POST', '/api/v1/tokens', { name: 't', userId: rep.body.data.id })).body.data
      .token;
    await ws.records.insertMany('account', [
      { name: 'Acme', code: 'A-1' },
      { name: 'Globex', code: 'G-1' },
    ]);
  });

  /** The import once it has ended, read through `GET /imports/{id}`. */
  async function finished(id: string, server = api) {
    for (let i = 0; i < 600; i++) {
      const res = await server.call('GET', `/api/v1/imports/${id}`);
      expect(res.status).toBe(200);
      if (['succeeded', 'failed', 'cancelled'].includes(res.body.data.status)) return res.body.data;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not end`);
  }

  const dealNames = async (prefix: string) =>
    (
      await ws.records.list('deal', { filter: { name: { startsWith: prefix } }, sort: 'name', limit: 500 })
    ).map((r) => r.name);
  afterAll(async () => {
    await api.server.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('refuses a file over the upload cap, by its declared length or as it streams, keeping nothing', async () => {
    const big = Buffer.alloc(MAX_BYTES * 20, 'a,b\n');
    const declared = await post(form(big, 'deals.csv', { object: 'deal' }));
    expect([declared.status, declared.body.code, declared.type]).toEqual([
      413,
      'upload_too_large',
      'application/problem+json',
    ]);
    expect(declared.body.detail).toContain('TESSERA_MAX_UPLOAD_MB');

    const boundary = 'tessera-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n{"object":"deal"}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="deals.csv"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    );
    const chunked = await postChunked(
      `${api.server.url}/api/v1/imports`,
      `multipart/form-data; boundary=${boundary}`,
      [head, ...Array.from({ length: 4 }, () => Buffer.alloc(MAX_BYTES / 2, 'x,y\n'))],
    );
    expect([chunked.status, JSON.parse(chunked.body).code]).toEqual([413, 'upload_too_large']);
    const json = await post(JSON.stringify({ object: 'deal', csv: big.toString() }), 'application/json');
    expect([json.status, json.body.code]).toEqual([413, 'upload_too_large']);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('refuses what is not an import, naming the problem, keeping nothing', async () => {
    const csv = 'name\nOne\n';
    const cases: [FormData | string, string | undefined, number, string, string][] = [
      [form(csv, 'deals.csv'), undefined, 400, 'bad_parameter', 'object'],
      [form(csv, 'deals.csv', '{nope'), undefined, 400, 'malformed_json', 'options'],
      [form(csv, 'deals.csv', { object: 'deal', nope: 1 }), undefined, 400, 'unknown_parameter', 'nope'],
      [form(csv, 'deals.csv', { object: 'deal', atomic: 'yes' }), undefined, 400, 'bad_parameter', 'atomic'],
      [form(csv, 'deals.pdf', { object: 'deal' }), undefined, 415, 'unsupported_media_type', 'deals.pdf'],
      ['name\nOne\n', 'text/csv', 415, 'unsupported_media_type', 'multipart'],
      [JSON.stringify({ object: 'deal' }), 'application/json', 400, 'bad_parameter', 'csv'],
      [JSON.stringify([1]), 'application/json', 400, 'malformed_body', 'JSON object'],
    ];
    for (const [body, type, status, code, detail] of cases) {
      const res = await post(body, type);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.body.detail).toContain(detail);
    }
    const noFile = new FormData();
    noFile.append('options', JSON.stringify({ object: 'deal' }));
    const missing = await post(noFile);
    expect([missing.status, missing.body.code]).toEqual([400, 'malformed_body']);
    expect(missing.body.detail).toContain('"file"');
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('imports an uploaded CSV as a job the runner carries out, lookups by a unique field', async () => {
    const csv =
      'Name,amount,closes_on,account_id.code\nUp 1,10.5,2024/3/5,A-1\nUp 2,"1,234.50",2024-03-06,G-1\n';
    const started = await post(form(csv, 'deals.csv', { object: 'deal' }));
    expect(started.status).toBe(202);
    expect(started.body.data).toEqual({ id: expect.any(String), status: 'queued' });
    const job = await finished(started.body.data.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      object: 'deal',
      mode: 'insert',
      atomic: true,
      dryRun: false,
      fileName: 'deals.csv',
      total: 2,
      processed: 2,
      created: 2,
      updated: 0,
      failed: 0,
      errors: [],
    });
    const rows = await ws.records.list('deal', { filter: { name: { startsWith: 'Up ' } }, sort: 'name' });
    const acme = (await ws.records.list('account', { filter: { code: { eq: 'A-1' } } }))[0];
    expect(rows.map((r) => [r.name, r.amount, r.closes_on, r.account_id])).toEqual([
      ['Up 1', 10.5, '2024-03-05', acme?.id],
      ['Up 2', 1234.5, '2024-03-06', expect.any(String)],
    ]);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('a partial import writes the good rows; every bad one is in errors.csv with its line', async () => {
    const csv = 'name,units,account_id\nPart 1,1,Acme\nPart 2,many,Acme\nPart 3,3,Nobody\nPart 4,4,Globex\n';
    const started = await post(
      JSON.stringify({ object: 'deal', csv, atomic: false, fileName: 'partial.csv' }),
      'application/json',
    );
    expect(started.status).toBe(202);
    const job = await finished(started.body.data.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      atomic: false,
      created: 2,
      failed: 2,
      fileName: 'partial.csv',
    });
    expect(job.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'units'],
      [4, 'account_id'],
    ]);
    expect(await dealNames('Part ')).toEqual(['Part 1', 'Part 4']);
    const errors = await fetch(`${api.server.url}/api/v1/imports/${job.id}/errors.csv`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(errors.status).toBe(200);
    expect(errors.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = csvRows(await errors.text());
    expect(rows[0]).toEqual(['line', 'column', 'field', 'code', 'message']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['3', 'units', 'units'],
      ['4', 'account_id', 'account_id'],
    ]);
  });

  it('an atomic import with a bad row writes nothing and fails naming the row', async () => {
    const csv = 'name,units\nAtom 1,1\nAtom 2,x\nAtom 3,3\n';
    const job = await finished((await post(form(csv, 'atomic.csv', { object: 'deal' }))).body.data.id);
    expect(job).toMatchObject({ status: 'failed', created: 0, failed: 1, error: { code: 'rows_failed' } });
    expect(job.errors).toMatchObject([{ line: 3, column: 'units' }]);
    expect(await dealNames('Atom ')).toEqual([]);
  });

  it("writes row errors in the importer's language (Accept-Language), refusing a bad Time-Zone before keeping the file", async () => {
    const start = (headers: Record<string, string>) =>
      fetch(`${api.server.url}/api/v1/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, ...headers },
        body: form('name,units\n,1\n', 'zh.csv', { object: 'deal' }),
      });
    const zh = await start({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5', 'time-zone': 'Asia/Shanghai' });
    expect(zh.status).toBe(202);
    const job = await finished(((await zh.json()) as { data: { id: string } }).data.id);
    expect(job.errors).toMatchObject([
      { line: 2, code: 'required', message: expect.stringContaining('必填') },
    ]);
    const en = await start({});
    const enJob = await finished(((await en.json()) as { data: { id: string } }).data.id);
    expect(enJob.errors).toMatchObject([
      { code: 'required', message: expect.stringContaining('is required') },
    ]);
    const bad = await start({ 'time-zone': 'Mars/Olympus' });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'bad_time_zone']);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('applies the same access as any write: field-level security on columns, imports seen by their owner', async () => {
    const refused = await post(
      form('name,stage\nFls 1,won\n', 'fls.csv', { object: 'deal' }),
      undefined,
      repToken,
    );
    expect([refused.status, refused.body.code]).toEqual([422, 'invalid_import']);
    expect(refused.body.detail).toContain('column "stage"');
    const hidden = await post(
      form('name,margin\nFls 2,5\n', 'fls.csv', { object: 'deal' }),
      undefined,
      repToken,
    );
    expect([hidden.status, hidden.body.code]).toEqual([422, 'invalid_import']);
    expect(await dealNames('Fls ')).toEqual([]);

    const own = await post(form('name\nRep 1\n', 'rep.csv', { object: 'deal' }), undefined, repToken);
    expect(own.status).toBe(202);
    expect((await finished(own.body.data.id)).created).toBe(1);
    const admins = await post(form('name\nAdmin 1\n', 'a.csv', { object: 'deal' }));
    await finished(admins.body.data.id);
    const asRep = { authorization: `Bearer ${repToken}` };
    for (const path of [
      `/api/v1/imports/${admins.body.data.id}`,
      `/api/v1/imports/${admins.body.data.id}/errors.csv`,
    ]) {
      const res = await api.call('GET', path, undefined, asRep);
      expect([res.status, res.body.code]).toEqual([404, 'unknown_import']);
    }
    expect((await api.call('GET', `/api/v1/imports/${own.body.data.id}`, undefined, asRep)).status).toBe(200);
    expect((await api.call('GET', '/api/v1/imports/nope')).body.code).toBe('unknown_import');
  });

  it('cancels a queued import, and refuses a second one of the same object meanwhile', async () => {
    // A server without runners, on a workspace of its own: imports stay queued until cancelled.
    const other = await env.open();
    await other.deploy(DEAL_DOCUMENTS);
    const idle = await serveForTest(other, undefined, undefined, {
      jobs: false,
      imports: { dir: uploads },
    });
    try {
      const first = await post(form('name\nQ 1\n', 'q.csv', { object: 'deal' }), undefined, TOKEN, idle);
      expect(first.status).toBe(202);
      const second = await post(form('name\nQ 2\n', 'q.csv', { object: 'deal' }), undefined, TOKEN, idle);
      expect([second.status, second.body.code]).toEqual([409, 'import_running']);
      expect(readdirSync(uploads)).toHaveLength(1);
      const cancelled = await idle.call('POST', `/api/v1/imports/${first.body.data.id}/cancel`);
      expect([cancelled.status, cancelled.body.data.status]).toEqual([200, 'cancelled']);
      // Its upload went with it.
      expect(readdirSync(uploads)).toEqual([]);
      const third = await post(form('name\nQ 3\n', 'q.csv', { object: 'deal' }), undefined, TOKEN, idle);
      expect(third.status).toBe(202);
      expect(readdirSync(uploads)).toHaveLength(1);
      await idle.call('POST', `/api/v1/imports/${third.body.data.id}/cancel`);
      expect(readdirSync(uploads)).toEqual([]);
      // Cancelling an ended import changes nothing.
      const again = await idle.call('POST', `/api/v1/imports/${first.body.data.id}/cancel`);
      expect([again.status, again.body.data.status]).toEqual([200, 'cancelled']);
      expect(await other.records.count('deal')).toBe(0);
    } finally {
      await idle.server.close();
    }
  });

  it('previews how a file maps, importing nothing', async () => {
    const res = await fetch(`${api.server.url}/api/v1/imports/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: form('Name,Units,whatever\nPre 1,1,x\n', 'p.csv', { object: 'deal' }),
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Record<string, unknown> };
    expect(data.columns).toEqual([
      { column: 'Name', field: 'name' },
      { column: 'Units', field: 'units' },
      { column: 'whatever', field: null },
    ]);
    expect(data.unmapped).toEqual(['whatever']);
    expect(data.sample).toEqual([['Pre 1', '1', 'x']]);
    expect(await dealNames('Pre ')).toEqual([]);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('imports an export back into equal records (upsert by id)', async () => {
    const manager = (await api.call('GET', '/api/v1/users')).body.data.find(
      (u: { email: string }) => u.email === 'rep@example.com',
    );
    const acme = (await ws.records.list('account', { filter: { code: { eq: 'A-1' } } }))[0];
    const originals = await ws.records.insertMany('deal', [
      {
        name: 'Trip 1',
        amount: 1234.56,
        margin: 12.5,
        units: 3,
        closes_on: '2024-02-29',
        signed_at: '2024-03-31T23:30:00.000Z',
        won: true,
        stage: 'won',
        tags: ['hot', 'renewal'],
        site: { lat: 31.2304, lng: 121.4737 },
        note: 'line 1\nline 2, "quoted"',
        account_id: acme?.id,
        manager: manager.id,
      },
      // Text a spreadsheet would run: neutralized in the file, as it was once imported back.
      { name: 'Trip 2', won: false, tags: [], note: '=HYPERLINK("http://x")' },
      { name: 'Trip 3', won: false, tags: [], note: "'@already quoted" },
    ]);
    const exported = await api.call(
      'GET',
      `/api/v1/data/deal/export?${new URLSearchParams({
        filter: JSON.stringify({ name: { startsWith: 'Trip ' } }),
      })}`,
    );
    expect(exported.status).toBe(200);
    // Change them, then import the export back: they are as they were. (An empty cell leaves a value as it
    // is, so only values the export holds are changed here.)
    await ws.records.update('deal', originals[0]?.id as string, {
      amount: 1,
      tags: ['cold'],
      note: 'x',
      site: { lat: 0, lng: 0 },
      account_id: null,
      manager: null,
    });
    await ws.records.update('deal', originals[1]?.id as string, { won: true, note: 'x' });
    await ws.records.update('deal', originals[2]?.id as string, { note: 'x' });
    const started = await post(
      // As exported: each lookup's name column is ignored beside its `.id` column.
      form(exported.body, 'deal.csv', { object: 'deal', mode: 'upsert' }),
    );
    expect(started.status).toBe(202);
    const job = await finished(started.body.data.id);
    expect(job).toMatchObject({ status: 'succeeded', updated: 3, created: 0, failed: 0 });
    const after = await ws.records.list('deal', { filter: { name: { startsWith: 'Trip ' } }, sort: 'name' });
    const fields = (r: Record<string, unknown>) => {
      const { updated_at: _u, version: _v, ...rest } = r;
      return rest;
    };
    expect(after.map(fields)).toEqual(originals.map(fields));
  });

  it('imports an XLSX file: an export of some fields upserted back by id', async () => {
    await ws.records.insertMany('deal', [
      { name: 'Sheet 1', units: 1, closes_on: '2024-03-05' },
      { name: 'Sheet 2', units: 2 },
    ]);
    const query = new URLSearchParams({
      format: 'xlsx',
      fields: 'name,units,closes_on',
      filter: JSON.stringify({ name: { startsWith: 'Sheet ' } }),
    });
    const xlsx = await fetch(`${api.server.url}/api/v1/data/deal/export?${query}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    for (const r of await ws.records.list('deal', { filter: { name: { startsWith: 'Sheet ' } } }))
      await ws.records.update('deal', r.id as string, { units: 99, closes_on: '2000-01-01' });
    const started = await post(form(bytes, 'deals.xlsx', { object: 'deal', mode: 'upsert' }));
    expect(started.status).toBe(202);
    expect(await finished(started.body.data.id)).toMatchObject({
      status: 'succeeded',
      updated: 2,
      failed: 0,
    });
    const after = await ws.records.list('deal', { filter: { name: { startsWith: 'Sheet ' } }, sort: 'name' });
    expect(after.map((r) => [r.name, r.units, r.closes_on])).toEqual([
      ['Sheet 1', 1, '2024-03-05'],
      ['Sheet 2', 2, '2000-01-01'],
    ]);
  });
});
