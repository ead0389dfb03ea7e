/**
 * Property-based fuzzing of the data, query, bulk and metadata endpoints over a real server, on both dialects.
 * Whatever a request holds, the answer is below 500, an error is a problem document with a code, and a refused
 * change (or any dry run) leaves the workspace's data and metadata exactly as they were.
 *
 * CI runs a fixed seed and a modest number of runs; `TESSERA_FUZZ_RUNS` (runs per endpoint group and dialect)
 * sizes a nightly run and `TESSERA_FUZZ_SEED` replays one (both printed when a run fails).
 */
import type { Workspace } from '@tessera/engine';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { bulkRequest, dataRequest, queryRequest } from '../test/fuzz/data-requests.js';
import { FUZZ_DOCS } from '../test/fuzz/fixture.js';
import { metadataRequest } from '../test/fuzz/metadata-requests.js';
import { type FuzzPool, type FuzzRequest, RawNumber } from '../test/fuzz/values.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';
import type { Logger } from './http/logger.js';

const RUNS = Number(process.env.TESSERA_FUZZ_RUNS ?? 80);
const SEED = Number(process.env.TESSERA_FUZZ_SEED ?? 2126);

/** JSON text of a body, with raw numbers written as they are (`1e999`). */
function bodyText(body: unknown): string {
  const raw: string[] = [];
  const text = JSON.stringify(body, (_, v) => {
    if (v instanceof RawNumber) {
      raw.push(v.text);
      return `\u0001raw${raw.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001raw(\d+)\\u0001"/g, (_, i) => raw[Number(i)] as string);
}

/** The unhandled errors the server logged, so a failure shows the stack behind a 500. */
function errorLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  const log: Logger & { errors: string[] } = {
    errors,
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message, fields) => errors.push(`${message}: ${String(fields?.error ?? '')}`),
    child: () => log,
  };
  return log;
}

describeEachDialect('fuzzed requests', (env) => {
  let ws: Workspace;
  let api: TestApi;
  const log = errorLog();
  const pool: FuzzPool = {
    ids: new Map(),
    cursors: [],
    objects: () => new Map([...ws.model.objects].map(([name, o]) => [name, o.document])),
  };

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(FUZZ_DOCS);
    api = await serveForTest(ws, undefined, undefined, { log });
    for (let i = 0; i < 3; i++) {
      const account = await api.call('POST', '/api/v1/data/account', { name: `account ${i}` });
      remember('account', account);
    }
  });
  afterAll(() => api.server.close());

  function remember(object: string, res: TestResponse) {
    const data = res.body?.data;
    for (const record of Array.isArray(data) ? data : [data])
      if (typeof record?.id === 'string') {
        const ids = pool.ids.get(object) ?? [];
        if (!ids.includes(record.id)) ids.push(record.id);
        pool.ids.set(object, ids.slice(-50));
      }
    const cursor = res.body?.page?.nextCursor;
    if (typeof cursor === 'string') pool.cursors = [...pool.cursors.slice(-20), cursor];
  }

  /** Every stored row of every object, the trash and the metadata version: what a refused change must not touch. */
  async function fingerprint(): Promise<string> {
    const model = await ws.reload();
    const tables = [];
    for (const name of model.objects.keys())
      tables.push([name, await ws.storage.db.selectFrom(name).selectAll().orderBy('id').execute()]);
    return JSON.stringify([model.version, await ws.trash(), tables]);
  }

  async function send(request: FuzzRequest): Promise<void> {
    const changes = request.method !== 'GET';
    const dryRun = request.path.includes('dryRun=true');
    const before = changes ? await fingerprint() : '';
    const logged = log.errors.length;
    const res = await api.call(
      request.method,
      `/api/v1${request.path}`,
      request.body === undefined ? undefined : bodyText(request.body),
      {
        'content-type': 'application/json',
        ...request.headers,
      },
    );
    const sent = `${request.method} ${request.path.slice(0, 300)} ${request.body === undefined ? '' : bodyText(request.body).slice(0, 600)}`;
    const what = `${sent}\n→ ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}\n${log.errors.slice(logged).join('\n')}`;
    expect(res.status, what).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get('content-type'), what).toBe('application/problem+json');
      expect(res.body, what).toMatchObject({
        status: res.status,
        code: expect.any(String),
        detail: expect.any(String),
      });
    } else remember(request.path.split('/')[2] ?? '', res);
    if (changes && (res.status >= 400 || dryRun))
      expect(await fingerprint(), `${what}\nchanged the workspace`).toBe(before);
  }

  const check = async (requests: fc.Arbitrary<FuzzRequest>) => {
    const run = await fc.check(fc.asyncProperty(requests, send), {
      seed: SEED,
      numRuns: RUNS,
      endOnFailure: true,
    });
    // The failing request and the answer, not fast-check's print of a value that may be megabytes long.
    if (run.failed)
      throw new Error(
        `fuzz run ${run.numRuns} of seed ${run.seed} failed: ${String(run.errorInstance instanceof Error ? run.errorInstance.message : run.errorInstance).slice(0, 4000)}`,
      );
  };

  it('data: creates, reads, updates and deletes', () => check(dataRequest(pool)));
  it('query: filters, sorts, cursors, fields, expand and counts', () => check(queryRequest(pool)));
  it('bulk: creates, updates and upserts', () => check(bulkRequest(pool)));
  it('metadata: objects, fields, deploys, documents and packages', () => check(metadataRequest(pool)));
});
