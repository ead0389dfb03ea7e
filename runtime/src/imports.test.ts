/**
 * `POST /imports` over HTTP: the file streamed to disk under the upload cap (413 `upload_too_large`, for a
 * declared length and for a chunked body alike), and requests that are not an import refused with a problem,
 * leaving no file behind.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEAL_DOCUMENTS } from '../../engine/test/deal-documents.js';
import { describeEachDialect } from '../../engine/test/dialects.js';
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
  const post = async (body: FormData | string, type?: string) => {
    const res = await fetch(`${api.server.url}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, ...(type ? { 'content-type': type } : {}) },
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
  });
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
});
