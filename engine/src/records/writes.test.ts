import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, set, text } from '../../test/documents.js';
import { type PropertyDocument, TesseraError, type Workspace } from '../index.js';

const ref = (
  field: 'lookup' | 'master_detail',
  target: string,
  onDelete?: 'restrict' | 'setNull',
): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field, target, ...(onDelete ? { onDelete } : {}) },
});

const DOCS = set(
  object('account', {
    code: text({ maxLength: 10, 'x-tessera': { field: 'text', unique: true } }),
    email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
    tier: {
      type: 'string',
      enum: ['a', 'b'],
      'x-tessera': { field: 'picklist', options: [{ value: 'a' }, { value: 'b' }] },
    },
    credit: { type: 'number', minimum: 0, 'x-tessera': { field: 'currency' } },
    since: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
    seq: { type: 'string', readOnly: true, 'x-tessera': { field: 'autonumber', format: 'A-{0000}' } },
  }),
  object('contact', { account_id: ref('lookup', 'account', 'restrict') }),
  object('visit', { account_id: ref('lookup', 'account', 'setNull') }),
  object('order_line', { account_id: ref('master_detail', 'account') }, ['account_id']),
);

async function failure(promise: Promise<unknown>): Promise<TesseraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TesseraError)) throw new Error(`expected a TesseraError, got ${String(error)}`);
  return error;
}

const count = async (ws: Workspace, object: string) => (await ws.records.list(object, { limit: 500 })).length;

describeEachDialect('record writes', (env) => {
  it('answers one issue per failing field with a stable code, and writes nothing', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const error = await failure(
      ws.records.insert('account', {
        code: 'x'.repeat(11),
        email: 'not-an-email',
        tier: 'z',
        credit: -1,
        since: '2024-02-30',
        seq: 'A-1',
        id: '0190a000-0000-7000-8000-000000000001',
        version: 3,
        owner_id: null,
        colour: 'red',
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.issues.map((i) => `${i.pointer} ${i.code}`).sort()).toEqual([
      '/code maxLength',
      '/colour unknown',
      '/credit minimum',
      '/email format',
      '/id readOnly',
      '/name required',
      '/owner_id readOnly',
      '/seq readOnly',
      '/since format',
      '/tier enum',
      '/version readOnly',
    ]);
    expect(await count(ws, 'account')).toBe(0);
    await expect(ws.records.insert('account', { name: 'x', credit: 1.005 })).rejects.toMatchObject({
      issues: [{ pointer: '/credit', code: 'scale', message: 'must have at most 2 digits after the point' }],
    });
    await expect(ws.records.insert('account', { name: 'a\u0000b' })).rejects.toMatchObject({
      issues: [{ pointer: '/name', code: 'nul_character' }],
    });
    await expect(ws.records.insert('account', 'nope')).rejects.toMatchObject({
      issues: [{ pointer: '', code: 'type' }],
    });
  });

  it('inserts a batch whole or not at all, naming the bad record by its index', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const batch = Array.from({ length: 100 }, (_, i) => ({ name: `A${i}`, code: `C${i}` }));
    batch[57] = { name: '', code: 'x'.repeat(20) } as (typeof batch)[number];
    await expect(ws.records.insertMany('account', batch)).rejects.toMatchObject({
      issues: [{ pointer: '/57/code', code: 'maxLength' }],
    });
    batch[57] = { name: 'dup', code: 'C3' };
    await expect(ws.records.insertMany('account', batch)).rejects.toMatchObject({ code: 'unique_violation' });
    expect(await count(ws, 'account')).toBe(0);
  });

  it('answers unique violations naming the field, on insert and on update', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    await ws.records.insert('account', { name: 'A', code: 'K1' });
    const b = await ws.records.insert('account', { name: 'B', code: 'K2' });
    // One at a time: a write started early could fail before anything awaits it.
    for (const attempt of [
      () => ws.records.insert('account', { name: 'C', code: 'K1' }),
      () => ws.records.update('account', b.id as string, { code: 'K1' }),
    ])
      await expect(attempt()).rejects.toMatchObject({
        code: 'unique_violation',
        issues: [{ pointer: '/code', code: 'unique' }],
      });
    expect((await ws.records.get('account', b.id as string)).code).toBe('K2');
  });

  it('checks references, and follows onDelete: restrict, setNull, cascade', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const missing = '0190a000-0000-7000-8000-0000000000ff';
    await expect(ws.records.insert('contact', { name: 'c', account_id: missing })).rejects.toMatchObject({
      issues: [{ pointer: '/account_id', code: 'reference' }],
    });
    await expect(ws.records.insert('order_line', { name: 'l' })).rejects.toMatchObject({
      issues: [{ pointer: '/account_id', code: 'required' }],
    });
    const a = await ws.records.insert('account', { name: 'A' });
    const contact = await ws.records.insert('contact', { name: 'c', account_id: a.id });
    const visit = await ws.records.insert('visit', { name: 'v', account_id: a.id });
    await ws.records.insertMany(
      'order_line',
      [1, 2, 3].map((n) => ({ name: `L${n}`, account_id: a.id })),
    );
    await expect(ws.records.delete('account', a.id as string)).rejects.toMatchObject({
      code: 'delete_restricted',
    });
    await ws.records.delete('contact', contact.id as string);
    await ws.records.delete('account', a.id as string);
    expect((await ws.records.get('visit', visit.id as string)).account_id).toBeNull();
    expect(await count(ws, 'order_line')).toBe(0);
  });

  it('updates with optimistic concurrency: the version counts every write', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    const a = await ws.records.insert('account', { name: 'A', email: 'a@example.com' });
    const updated = await ws.records.update(
      'account',
      a.id as string,
      { tier: 'a', email: null },
      { expectedVersion: 1 },
    );
    expect(updated).toMatchObject({
      version: 2,
      tier: 'a',
      email: null,
      name: 'A',
      created_at: a.created_at,
    });
    expect((updated.updated_at as string) >= (a.updated_at as string)).toBe(true);
    await expect(
      ws.records.update('account', a.id as string, { tier: 'b' }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'version_conflict',
    });
    await expect(ws.records.update('account', a.id as string, { name: null })).rejects.toMatchObject({
      issues: [{ pointer: '/name', code: 'required' }],
    });
    expect(await ws.records.get('account', a.id as string)).toEqual(updated);
  });

  it('answers record_not_found for unknown and malformed ids', async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    for (const id of ['0190a000-0000-7000-8000-000000000042', 'not-a-uuid', "1' or '1'='1"]) {
      await expect(ws.records.get('account', id)).rejects.toMatchObject({ code: 'record_not_found' });
      await expect(ws.records.update('account', id, { name: 'x' })).rejects.toMatchObject({
        code: 'record_not_found',
      });
      await expect(ws.records.delete('account', id)).rejects.toMatchObject({ code: 'record_not_found' });
    }
  });
});
