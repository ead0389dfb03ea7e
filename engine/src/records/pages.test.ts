import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, set, text } from '../../test/documents.js';
import type { RecordData, Workspace } from '../index.js';

const DOCS = set(
  object('ticket', {
    priority: { type: 'integer', 'x-tessera': { field: 'integer' } },
    area: text(),
    due: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
  }),
);

describeEachDialect('pages', (env) => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    await ws.records.insertMany(
      'ticket',
      Array.from({ length: 53 }, (_, i) => ({
        name: `T${i}`,
        priority: i % 7 === 0 ? null : i % 4,
        area: i % 5 === 0 ? null : `area ${i % 3}`,
        due: i % 6 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 9))).toISOString(),
      })),
    );
  });

  async function walk(sort: string, limit: number, filter?: unknown): Promise<RecordData[]> {
    const seen: RecordData[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await ws.records.page('ticket', { sort, limit, filter, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data);
      if (!page.nextCursor) return seen;
      expect(page.data).toHaveLength(limit);
      cursor = page.nextCursor;
    }
    throw new Error('no last page');
  }

  it.each(['priority', '-priority', 'area,-priority', '-due,area', 'name', '-created_at'])(
    'walks every record exactly once, in order, sorted by %s',
    async (sort) => {
      const all = await ws.records.list('ticket', { sort, limit: 500 });
      const walked = await walk(sort, 7);
      expect(walked.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(new Set(walked.map((r) => r.id)).size).toBe(53);
    },
  );

  it('counts on request, with the filter', async () => {
    const page = await ws.records.page('ticket', { filter: { priority: { eq: 1 } }, limit: 2, count: true });
    expect(page.total).toBe(await ws.records.count('ticket', { priority: { eq: 1 } }));
    expect(page.total).toBeGreaterThan(2);
    expect(await ws.records.count('ticket')).toBeGreaterThanOrEqual(53);
    expect((await ws.records.page('ticket', { limit: 1 })).total).toBeUndefined();
  });

  it('neither skips nor repeats a record when others are inserted between pages', async () => {
    const first = await ws.records.page('ticket', {
      sort: 'name',
      limit: 10,
      filter: { area: { eq: 'area 1' } },
    });
    await ws.records.insertMany('ticket', [
      { name: 'A-first', area: 'area 1' },
      { name: 'zz-last', area: 'area 1' },
    ]);
    const rest = await walk('name', 10, { area: { eq: 'area 1' } });
    const second = rest.filter((r) => (r.name as string) > (first.data.at(-1)?.name as string));
    const after = await ws.records.page('ticket', {
      sort: 'name',
      limit: 500,
      filter: { area: { eq: 'area 1' } },
      cursor: first.nextCursor as string,
    });
    expect(after.data.map((r) => r.id)).toEqual(second.map((r) => r.id));
    expect(after.data.map((r) => r.name)).toContain('zz-last');
    expect(after.data.map((r) => r.name)).not.toContain('A-first');
  });

  it('refuses a cursor it did not make, or one made for another sort', async () => {
    const page = await ws.records.page('ticket', { sort: 'priority', limit: 5 });
    for (const cursor of ['garbage', Buffer.from('{"s":"priority","v":[{}]}').toString('base64url')])
      await expect(ws.records.page('ticket', { sort: 'priority', cursor })).rejects.toMatchObject({
        issues: [{ pointer: '/cursor', code: 'bad_cursor' }],
      });
    await expect(
      ws.records.page('ticket', { sort: 'area', cursor: page.nextCursor as string }),
    ).rejects.toMatchObject({
      issues: [{ code: 'bad_cursor', message: expect.stringContaining('another sort order') }],
    });
  });
});
