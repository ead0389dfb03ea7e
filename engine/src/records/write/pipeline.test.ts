/**
 * The write pipeline's hooks, with a real WriteHooks object of the test's own: before-save patches are
 * validated, stored and answered; a bad one refuses the write naming its automation; after-save sees what each
 * kind of write changed, inside the write's transaction. Both dialects.
 */
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { formula, object, text } from '../../../test/documents.js';
import { TesseraError } from '../../errors.js';
import { subjectOf } from '../../identity/users.js';
import type { DocumentSet, PropertyDocument } from '../../metadata/types.js';
import type { CompiledModel, CompiledObject } from '../../model/compiled-model.js';
import { TransactionStorage } from '../../storage/transaction-storage.js';
import type { Workspace } from '../../workspace.js';
import { RecordApi, type RecordData } from '../record-api.js';
import type { RecordChange } from './record-change.js';
import type {
  AfterSaveContext,
  BeforeSaveContext,
  BeforeSavePatch,
  PendingWrite,
  WriteHooks,
} from './write-hooks.js';

const STAGES = ['new', 'won', 'lost'];

const DOCS: DocumentSet = {
  objects: [
    object('account', {}),
    object('deal', {
      code: text({ maxLength: 10, 'x-tessera': { field: 'text', unique: true } }),
      amount: { type: 'number', 'x-tessera': { field: 'currency' } },
      stage: {
        type: 'string',
        enum: STAGES,
        'x-tessera': { field: 'picklist', options: STAGES.map((value) => ({ value })) },
      },
      account_id: {
        type: 'string',
        format: 'uuid',
        'x-tessera': { field: 'lookup', target: 'account' },
      } as PropertyDocument,
      // Stored: it reads only the record's own values.
      doubled: formula('amount * 2', 'currency'),
    }),
    object('note', { about: text() }),
  ],
  validationRules: [
    {
      kind: 'validation_rule',
      apiName: 'amount_cap',
      object: 'deal',
      formula: 'amount > 1000',
      message: { en: 'Too big' },
    },
  ],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'rep',
      objects: { deal: { read: true, create: true, edit: true }, account: { read: true } },
      fields: { deal: { stage: 'read' } },
    },
  ],
};

type Patcher = (write: PendingWrite, index: number) => Omit<BeforeSavePatch, 'index'> | undefined;

/** Automations as the pipeline sees them: what they watch, the patches they make, and what they were told. */
class TestHooks implements WriteHooks {
  /** The writes each before-save call saw, copied when it was called. */
  readonly pending: { depth: number; object: string; writes: PendingWrite[] }[] = [];
  readonly saved: { depth: number; actor: string | null; changes: RecordChange[] }[] = [];
  patcher: Patcher = () => undefined;
  /** More work in the after-save call, in its transaction. */
  onAfterSave: (context: AfterSaveContext) => Promise<void> = async () => {};

  constructor(private readonly watched: string) {}

  watches(_model: CompiledModel, object: CompiledObject): boolean {
    return object.apiName === this.watched;
  }

  async beforeSave(context: BeforeSaveContext): Promise<readonly BeforeSavePatch[]> {
    this.pending.push({
      depth: context.depth,
      object: context.object.apiName,
      writes: context.writes.map((w) => ({ ...w, after: { ...w.after } })),
    });
    return context.writes.flatMap((write, index) => {
      const patch = this.patcher(write, index);
      return patch ? [{ ...patch, index }] : [];
    });
  }

  async afterSave(context: AfterSaveContext): Promise<void> {
    this.saved.push({ depth: context.depth, actor: context.actor, changes: [...context.changes] });
    await this.onAfterSave(context);
  }
}

async function failure(promise: Promise<unknown>): Promise<TesseraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TesseraError)) throw new Error(`expected a TesseraError, got ${String(error)}`);
  return error;
}

describeEachDialect('write pipeline hooks', (env) => {
  let ws: Workspace;
  let hooks: TestHooks;
  let owner: string;
  let inactive: string;
  let repId: string;

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    owner = (await ws.users.create({ email: `owner-${env.dialect}@example.com` }, ws.model.documents)).id;
    inactive = (await ws.users.create({ email: `gone-${env.dialect}@example.com` }, ws.model.documents)).id;
    await ws.users.update(inactive, { active: false }, ws.model.documents);
    repId = (
      await ws.users.create(
        { email: `rep-${env.dialect}@example.com`, permissionSets: ['rep'] },
        ws.model.documents,
      )
    ).id;
  });

  beforeEach(() => {
    hooks = new TestHooks('deal');
    ws.writeHooks = hooks;
  });

  const count = async (objectName: string, filter?: unknown) => ws.records.count(objectName, filter);

  it('applies a before-save patch: validated, stored, in the answer, with the stored formulas that read it', async () => {
    hooks.patcher = (write) =>
      Number(write.after.amount) >= 500
        ? { values: { stage: 'won', owner_id: owner }, source: 'win_big' }
        : undefined;
    const made = await ws.records.insert('deal', { name: 'D1', amount: 600, stage: 'new' });
    expect(made).toMatchObject({ stage: 'won', owner_id: owner, doubled: 1200 });
    expect(await ws.records.get('deal', made.id as string)).toEqual(made);
    expect(hooks.pending).toEqual([
      {
        depth: 0,
        object: 'deal',
        writes: [
          { operation: 'create', before: null, after: expect.objectContaining({ amount: 600 }), pointer: '' },
        ],
      },
    ]);

    const small = await ws.records.insert('deal', { name: 'D2', amount: 10 });
    const updated = await ws.records.update('deal', small.id as string, { amount: 700 }, { depth: 3 });
    expect(updated).toMatchObject({ stage: 'won', owner_id: owner, amount: 700, doubled: 1400, version: 2 });
    expect(await ws.records.get('deal', small.id as string)).toEqual(updated);
    expect(hooks.pending.at(-1)).toMatchObject({
      depth: 3,
      writes: [{ operation: 'update', before: { amount: 10 }, after: { amount: 700 }, pointer: '' }],
    });

    // A field the caller may only read is set by the automation all the same.
    const rep = ws.recordsFor(subjectOf(await ws.users.get(repId)));
    await expect(rep.insert('deal', { name: 'D3', amount: 5, stage: 'won' })).rejects.toMatchObject({
      issues: [{ pointer: '/stage' }],
    });
    hooks.patcher = () => ({ values: { stage: 'lost' }, source: 'close_small' });
    expect(await rep.insert('deal', { name: 'D3', amount: 5 })).toMatchObject({
      stage: 'lost',
      owner_id: repId,
    });
  });

  it('refuses a write whose before-save patch is bad, naming the automation, and writes nothing', async () => {
    const before = await count('deal');
    const refusals: [RecordData, string, string][] = [
      [{ stage: 'bogus' }, '/stage', 'enum'],
      [{ colour: 'red' }, '/colour', 'unknown'],
      [{ name: null }, '/name', 'required'],
      [{ doubled: 3 }, '/doubled', 'readOnly'],
      [{ account_id: '0190a000-0000-7000-8000-0000000000ff' }, '/account_id', 'reference'],
      [{ owner_id: '0190a000-0000-7000-8000-0000000000ff' }, '/owner_id', 'unknown_user'],
      [{ owner_id: 'not-a-user' }, '/owner_id', 'unknown_user'],
    ];
    for (const [values, pointer, code] of [
      ...refusals,
      [{ owner_id: inactive }, '/owner_id', 'unknown_user'],
    ] as const) {
      hooks.patcher = () => ({ values, source: 'bad_automation' });
      const error = await failure(ws.records.insert('deal', { name: 'X', amount: 1 }));
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toEqual([{ pointer, code, message: expect.stringContaining('"bad_automation"') }]);
    }
    expect(await count('deal')).toBe(before);

    // The patched record is what the validation rules judge.
    hooks.patcher = () => ({ values: { amount: 5000 }, source: 'inflate' });
    await expect(ws.records.insert('deal', { name: 'X', amount: 1 })).rejects.toMatchObject({
      issues: [{ rule: 'amount_cap' }],
    });

    // An update keeps the record as it was; a batch names the bad record by its index.
    hooks.patcher = () => undefined;
    const kept = await ws.records.insert('deal', { name: 'Kept', amount: 1 });
    hooks.patcher = (write) =>
      write.after.name === 'B1' || write.operation === 'update'
        ? { values: { stage: 'bogus' }, source: 'bad_automation' }
        : undefined;
    await expect(ws.records.update('deal', kept.id as string, { amount: 2 })).rejects.toMatchObject({
      issues: [{ pointer: '/stage', code: 'enum' }],
    });
    expect(await ws.records.get('deal', kept.id as string)).toEqual(kept);
    await expect(
      ws.records.bulk('deal', {
        operation: 'create',
        records: [{ name: 'B0' }, { name: 'B1' }, { name: 'B2' }],
      }),
    ).rejects.toMatchObject({ issues: [{ pointer: '/records/1/stage', code: 'enum' }] });
    expect(await count('deal', { name: { in: ['B0', 'B1', 'B2'] } })).toBe(0);
    expect(hooks.saved).toEqual([
      { depth: 0, actor: null, changes: [expect.objectContaining({ id: kept.id })] },
    ]);
  });

  it('hands after-save every record change of the transaction: create, update, delete, bulk, transfer', async () => {
    const made = await ws.records.insert('deal', { name: 'C1', amount: 100 }, { userId: owner });
    expect(hooks.saved.at(-1)).toEqual({
      depth: 0,
      actor: owner,
      changes: [
        {
          object: 'deal',
          id: made.id,
          operation: 'create',
          before: null,
          after: made,
          changedFields: ['owner_id', 'name', 'amount', 'doubled'],
          actor: owner,
        },
      ],
    });

    const updated = await ws.records.update('deal', made.id as string, { amount: 150 }, { depth: 2 });
    expect(hooks.saved.at(-1)).toEqual({
      depth: 2,
      actor: null,
      changes: [
        expect.objectContaining({
          operation: 'update',
          before: made,
          after: updated,
          changedFields: ['amount', 'doubled'],
        }),
      ],
    });
    await ws.records.update('deal', made.id as string, { amount: 150 });
    expect(hooks.saved.at(-1)?.changes[0]?.changedFields).toEqual([]);

    const moved = await ws.records.transfer('deal', made.id as string, { ownerId: repId });
    expect(hooks.saved.at(-1)?.changes).toEqual([
      expect.objectContaining({ operation: 'update', after: moved, changedFields: ['owner_id'] }),
    ]);

    const [, second] = await ws.records.insertMany('deal', [{ name: 'M1' }, { name: 'M2', stage: 'new' }]);
    expect(hooks.saved.at(-1)?.changes.map((c) => [c.operation, c.after?.name, c.changedFields])).toEqual([
      ['create', 'M1', ['name']],
      ['create', 'M2', ['name', 'stage']],
    ]);

    const results = await ws.records.bulk('deal', {
      operation: 'upsert',
      upsertKey: 'code',
      records: [
        { name: 'U1', code: 'U-1' },
        { name: 'U2', code: 'U-2' },
      ],
    });
    expect(results.map((r) => r.status)).toEqual(['created', 'created']);
    const upserted = await ws.records.bulk('deal', {
      operation: 'upsert',
      upsertKey: 'code',
      records: [
        { name: 'U1 again', code: 'U-1' },
        { name: 'U3', code: 'U-3' },
      ],
    });
    expect(upserted.map((r) => r.status)).toEqual(['updated', 'created']);
    expect(hooks.saved.at(-1)?.changes.map((c) => [c.operation, c.after?.code, c.changedFields])).toEqual([
      ['create', 'U-3', ['name', 'code']],
      ['update', 'U-1', ['name']],
    ]);

    const removed = await ws.records.get('deal', second?.id as string);
    await ws.records.delete('deal', second?.id as string);
    expect(hooks.saved.at(-1)?.changes).toEqual([
      {
        object: 'deal',
        id: second?.id,
        operation: 'delete',
        before: removed,
        after: null,
        changedFields: ['name', 'stage'],
        actor: null,
      },
    ]);

    // Writes of objects the hooks do not watch never reach them.
    const calls = hooks.saved.length + hooks.pending.length;
    const note = await ws.records.insert('note', { name: 'n' });
    await ws.records.update('note', note.id as string, { about: 'x' });
    await ws.records.delete('note', note.id as string);
    expect(hooks.saved.length + hooks.pending.length).toBe(calls);
  });

  it('runs after-save in the write transaction: what it writes is rolled back with a refused write', async () => {
    hooks.onAfterSave = async (context) => {
      // A note per change, written in the same transaction as the deal (as automation runs are recorded).
      const storage = new TransactionStorage(context.storage, context.trx);
      const model = context.model;
      const notes = new RecordApi(storage, {
        current: () => model,
        refresh: async () => model,
        head: async () => model.version,
      });
      for (const change of context.changes)
        await notes.insert('note', { name: `after ${change.operation}`, about: String(change.after?.name) });
      if (context.changes.some((c) => c.after?.name === 'boom')) throw new Error('after-save failed');
    };
    await ws.records.insert('deal', { name: 'fine' });
    expect(await count('note', { about: { eq: 'fine' } })).toBe(1);

    await expect(ws.records.insert('deal', { name: 'boom' })).rejects.toThrow('after-save failed');
    expect(await count('deal', { name: { eq: 'boom' } })).toBe(0);
    expect(await count('note', { about: { eq: 'boom' } })).toBe(0);

    // A write refused before it saves never reaches after-save.
    const saved = hooks.saved.length;
    await ws.records.insert('deal', { name: 'first', code: 'SAME' });
    await expect(ws.records.insert('deal', { name: 'second', code: 'SAME' })).rejects.toMatchObject({
      code: 'unique_violation',
    });
    expect(hooks.saved.length).toBe(saved + 1);
    expect(await count('note', { about: { eq: 'second' } })).toBe(0);
  });
});
