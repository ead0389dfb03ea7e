import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import { object, set } from '../../engine/test/documents.js';
import { createLogger } from './http/logger.js';
import { hashToken, startServer, WorkspaceRegistry } from './index.js';

function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; requestId: unknown }>((resolve, reject) => {
    request(url, { headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, requestId: res.headers['x-request-id'] }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('server', () => {
  it('logs every request with its id, and finishes requests in flight when closing', async () => {
    const ws = await Workspace.open({
      dataDir: mkdtempSync(join(tmpdir(), 'tessera-server-')),
      workspace: 'srv',
    });
    await ws.deploy(set(object('lead', {})));
    await ws.records.insertMany(
      'lead',
      Array.from({ length: 500 }, (_, i) => ({ name: `L${i}` })),
    );
    const lines: Record<string, unknown>[] = [];
    const server = await startServer({
      workspaces: new WorkspaceRegistry('default', ws),
      adminTokenHash: hashToken('t'),
      log: createLogger({ write: (line) => lines.push(JSON.parse(line)), level: 'debug' }),
      port: 0,
      host: '127.0.0.1',
    });
    const headers = { authorization: 'Bearer t', 'x-request-id': 'req-42' };
    // One connection per request, as separate clients would have (a keep-alive connection that is idle at the
    // moment of shutdown is closed, and a client must retry on another: HTTP/1.1's own rule).
    const inFlight = Array.from({ length: 20 }, () =>
      get(`${server.url}/api/v1/data/lead?limit=500`, headers),
    );
    // Once the requests have reached the server (Node resets connections that have not sent one yet) …
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closing = server.close();
    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect((JSON.parse(responses[0]?.body ?? '') as { data: unknown[] }).data).toHaveLength(500);
    await closing;
    await expect(get(`${server.url}/api/v1/health`, {})).rejects.toThrow();
    expect(responses[0]?.requestId).toBe('req-42');
    const access = lines.filter((l) => l.message === 'request');
    expect(access).toHaveLength(20);
    expect(access[0]).toMatchObject({
      level: 'debug',
      requestId: 'req-42',
      method: 'GET',
      path: '/api/v1/data/lead',
      status: 200,
    });
    expect(lines.at(-1)).toMatchObject({ message: 'stopped' });
    await ws.close();
  });
});
