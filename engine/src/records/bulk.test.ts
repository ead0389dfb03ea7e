import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, set, text } from '../../test/documents.js';

const DOCS = set(
  object('member', {
    card_no: text({ maxLength: 12, 'x-tessera': { field: 'text', unique: true } }),
    points: { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
  }),
);

describeEachDialect('bulk writes', (env) => {
  it('creates, updates and upserts by a unique field, one result per item in input order', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const created = await ws.records.bulk('member', {
      operation: 'create',
      records: [
        { name: '王芳', card_no: 'C1', points: 10 },
        { name: 'Li', card_no: 'C2' },
      ],
    });
    expect(created.map((r) => [r.index, r.status, r.data.card_no])).toEqual([
      [0, 'created', 'C1'],
      [1, 'created', 'C2'],
    ]);
    const updated = await ws.records.bulk('member', {
      operation: 'update',
      records: [{ id: created[1]?.data.id, points: 5 }],
    });
    expect(updated[0]).toMatchObject({ status: 'updated', data: { points: 5, version: 2 } });
    const upserted = await ws.records.bulk('member', {
      operation: 'upsert',
      upsertKey: 'card_no',
      records: [
        { name: 'New', card_no: 'C3', points: 1 },
        { name: '王芳', card_no: 'C1', points: 99 },
      ],
    });
    expect(upserted.map((r) => [r.index, r.status, r.data.points])).toEqual([
      [0, 'created', 1],
      [1, 'updated', 99],
    ]);
    expect(await ws.records.count('member')).toBe(3);
  });

  it('applies nothing when any item fails, and names every failing item', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const [first] = await ws.records.insertMany('member', [{ name: 'A', card_no: 'A1', points: 1 }]);
    const error = await ws.records
      .bulk('member', {
        operation: 'upsert',
        upsertKey: 'card_no',
        records: [
          { name: 'ok', card_no: 'B1' },
          { card_no: 'B2' },
          { name: 'A', card_no: 'A1', points: -5 },
          { name: 'ok too', card_no: 'B3' },
        ],
      })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect(error.issues.map((i: { pointer: string; code: string }) => `${i.pointer} ${i.code}`)).toEqual([
      '/records/1/name required',
      '/records/2/points minimum',
    ]);
    expect(await ws.records.count('member')).toBe(1);
    expect((await ws.records.get('member', first?.id as string)).points).toBe(1);
    const missing = await ws.records
      .bulk('member', {
        operation: 'update',
        records: [{ id: '0190a000-0000-7000-8000-000000000001', points: 1 }],
      })
      .catch((e) => e);
    expect(missing.issues).toEqual([expect.objectContaining({ pointer: '/records/0/id' })]);
  });

  it('refuses malformed requests', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    for (const [request, pointer] of [
      [{ operation: 'merge', records: [{}] }, '/operation'],
      [{ operation: 'create', records: [] }, '/records'],
      [{ operation: 'create', records: Array.from({ length: 1001 }, () => ({ name: 'x' })) }, '/records'],
      [{ operation: 'upsert', upsertKey: 'points', records: [{ name: 'x' }] }, '/upsertKey'],
    ] as const)
      await expect(ws.records.bulk('member', request as never)).rejects.toMatchObject({
        code: 'invalid_query',
        issues: [{ pointer }],
      });
  });
});
