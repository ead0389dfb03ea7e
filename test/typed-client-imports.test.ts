/**
 * The typed client's imports and exports against a real server, on both dialects: a file's columns previewed,
 * an import started from a file (multipart) and from CSV text (JSON), followed to its end, its errors read as
 * CSV; a refusal comes back as a problem with its code; an export downloaded with the list's query.
 */
import { createClient, type ImportJob, importFinished, TesseraApiError } from '@tessera/client';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../engine/test/dialects.js';
import { object, set, text } from '../engine/test/documents.js';
import { serveForTest, type TestApi, TOKEN } from '../runtime/test/server.js';

const DOCS = set(
  object('member', {
    code: text({
      'x-tessera': { field: 'text', unique: true, label: { en: 'Member code', 'zh-CN': '会员编号' } },
    }),
    points: { type: 'integer', 'x-tessera': { field: 'integer', label: { en: 'Points' } } },
  }),
);

/** Three members; the second's points are no number. */
const MEMBERS = ['name,会员编号,Points,Remark', 'Ann,M-1,10,', 'Bo,M-2,lots,vip', 'Cy,M-3,30,'].join('\n');

describeEachDialect('typed client: imports and exports', (env) => {
  let api: TestApi | undefined;
  const start = async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    api = await serveForTest(ws);
    const client = createClient<
      Record<string, { record: Record<string, unknown>; create: object; update: object }>
    >({ baseUrl: api.server.url, token: TOKEN });
    return { ws, client };
  };
  afterEach(async () => {
    await api?.server.close().catch(() => {});
    api = undefined;
  });

  /** The job read again until it ends. */
  async function finished(
    client: Awaited<ReturnType<typeof start>>['client'],
    id: string,
  ): Promise<ImportJob> {
    for (let i = 0; i < 200; i++) {
      const job = await client.imports.get(id);
      if (importFinished(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} did not end`);
  }

  it('previews a file’s columns: by API name, by a label in Chinese and English, a column of no field', async () => {
    const { client } = await start();
    const file = new Blob([MEMBERS], { type: 'text/csv' });
    const preview = await client.imports.preview({ name: 'members.csv', data: file }, { object: 'member' });
    expect(preview.columns).toEqual([
      { column: 'name', field: 'name' },
      { column: '会员编号', field: 'code' },
      { column: 'Points', field: 'points' },
      { column: 'Remark', field: null },
    ]);
    expect(preview.unmapped).toEqual(['Remark']);
    expect(preview.sample[0]).toEqual(['Ann', 'M-1', '10', '']);
  });

  it('imports a file (all-or-none off): the good rows in, the bad one in the errors CSV by its line', async () => {
    const { client } = await start();
    const started = await client.imports.start(
      { name: 'members.csv', data: new Blob([MEMBERS]) },
      { object: 'member', atomic: false, mapping: { Remark: '' } },
    );
    expect(['queued', 'running']).toContain(started.status);
    const job = await finished(client, started.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      created: 2,
      failed: 1,
      object: 'member',
      atomic: false,
    });
    expect(job.errors).toEqual([expect.objectContaining({ line: 3, column: 'Points', field: 'points' })]);
    const csv = (await client.imports.errorsCsv(started.id)).trim().split(/\r?\n/);
    expect(csv[0]).toBe('line,column,field,code,message');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['3,Points,points']);
    const members = await client.data('member').list({ sort: 'code' });
    expect(members.data.map((m) => m.code)).toEqual(['M-1', 'M-3']);
  });

  it('imports CSV text as JSON: an upsert by a unique field updates and creates, and a dry run writes nothing', async () => {
    const { client } = await start();
    await client.data('member').create({ name: 'Ann', code: 'M-1', points: 1 });
    const csv = 'code,name,points\nM-1,Ann,11\nM-9,Ivy,99';
    const dry = await finished(
      client,
      (await client.imports.start(csv, { object: 'member', mode: 'upsert', key: 'code', dryRun: true })).id,
    );
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, created: 1, updated: 1, failed: 0 });
    expect((await client.data('member').list()).data).toHaveLength(1);
    const real = await finished(
      client,
      (await client.imports.start(csv, { object: 'member', mode: 'upsert', key: 'code' })).id,
    );
    expect(real).toMatchObject({ status: 'succeeded', created: 1, updated: 1 });
    const members = await client.data('member').list({ sort: 'code' });
    expect(members.data.map((m) => [m.code, m.points])).toEqual([
      ['M-1', 11],
      ['M-9', 99],
    ]);
  });

  it('refuses an import of an unknown object, and an unknown import, as problems with their codes', async () => {
    const { client } = await start();
    const refused = await client.imports
      .start('name\nx', { object: 'nothing_here' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TesseraApiError);
    expect((refused as TesseraApiError).status).toBeGreaterThanOrEqual(400);
    const nobody = '01900000-0000-7000-8000-000000000000';
    // One call at a time: a refusal made before it is awaited would be an unhandled rejection.
    for (const call of [
      () => client.imports.get(nobody),
      () => client.imports.cancel(nobody),
      () => client.imports.errorsCsv(nobody),
    ]) {
      const unknown = await call().catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(TesseraApiError);
      expect((unknown as TesseraApiError).status).toBe(404);
    }
  });

  it('downloads an export with the list’s filter, sort and columns; its URL says the same', async () => {
    const { client } = await start();
    for (const [name, code, points] of [
      ['Ann', 'M-1', 10],
      ['Bo', 'M-2', 20],
      ['Cy', 'M-3', 30],
    ] as const)
      await client.data('member').create({ name, code, points });
    const query = {
      format: 'csv',
      filter: { points: { gte: 20 } },
      sort: '-points',
      fields: ['code', 'points'],
    } as const;
    const res = await client.exports.download('member', query);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows.map((r) => r.split(',').slice(1).join(','))).toEqual(['code,points', 'M-3,30', 'M-2,20']);
    expect(client.exports.url('member', query)).toBe(
      `${api?.server.url}/api/v1/data/member/export?format=csv&filter=${encodeURIComponent(
        JSON.stringify(query.filter),
      )}&sort=-points&fields=code%2Cpoints`,
    );
    const refused = await client.exports
      .download('member', { format: 'pdf' as 'csv' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TesseraApiError);
    expect((refused as TesseraApiError).status).toBe(400);
  });
});
