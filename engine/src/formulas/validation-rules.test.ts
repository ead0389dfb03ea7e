/** Validation rules on create, update and bulk, with ISNEW, ISCHANGED, PRIORVALUE and lookups, on both dialects. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object } from '../../test/documents.js';
import type { TesseraError } from '../errors.js';
import type { DocumentSet, ValidationRuleDocument } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';

const money = { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } } as const;
const account = object('account', { credit_limit: money });
const order = object('order', {
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
  amount: money,
  stage: {
    type: 'string',
    enum: ['open', 'closed'],
    'x-tessera': { field: 'picklist', options: [{ value: 'open' }, { value: 'closed' }] },
  },
  discount: { type: 'number', 'x-tessera': { field: 'percent' } },
  net: {
    type: 'number',
    'x-tessera': {
      field: 'formula',
      returns: 'number',
      formula: 'amount * (1 - BLANKVALUE(discount, 0) / 100)',
    },
  },
});
const rule = (
  apiName: string,
  formula: string,
  extra: Partial<ValidationRuleDocument> = {},
): ValidationRuleDocument => ({
  kind: 'validation_rule',
  apiName,
  object: 'order',
  formula,
  message: { en: `broken: ${apiName}`, 'zh-CN': `违反：${apiName}` },
  ...extra,
});
const DOCS: DocumentSet = {
  objects: [account, order],
  validationRules: [
    rule('within_credit', 'amount > account_id.credit_limit', { field: 'amount' }),
    rule('no_reopen', 'AND(ISCHANGED(stage), ISPICKVAL(PRIORVALUE(stage), "closed"))', { field: 'stage' }),
    rule('big_needs_account', 'AND(ISNEW(), net > 10000, ISBLANK(account_id))'),
    rule('switched_off', 'discount > 50', { active: false }),
  ],
};

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code} ${i.rule ?? ''} ${i.message}`.trim()),
  );

describeEachDialect('validation rules', (env) => {
  let ws: Workspace;
  let accountId: string;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    accountId = (await ws.records.insert('account', { name: 'Acme', credit_limit: 1000 })).id as string;
  });
  const count = async () => (await ws.records.list('order', { limit: 500 })).length;

  it('refuses a create that breaks a rule, naming the rule and its field, and writes nothing', async () => {
    const before = await count();
    expect(
      await refusal(ws.records.insert('order', { name: 'PO', account_id: accountId, amount: 1000.01 })),
    ).toEqual(['/amount rule within_credit broken: within_credit']);
    expect(await count()).toBe(before);
    expect(
      await refusal(ws.records.insert('order', { name: 'PO', account_id: accountId, amount: 1000 })),
    ).toEqual([]);
    // Blank amount: the comparison is false, the rule holds. An inactive rule is not enforced.
    expect(
      await refusal(ws.records.insert('order', { name: 'PO', account_id: accountId, discount: 90 })),
    ).toEqual([]);
  });

  it('sees formula fields and ISNEW: a rule on a computed value applies to creates only', async () => {
    expect(await refusal(ws.records.insert('order', { name: 'Big', amount: 20000, discount: 10 }))).toEqual([
      'rule big_needs_account broken: big_needs_account',
    ]);
    const small = await ws.records.insert('order', { name: 'Small', amount: 100 });
    expect(await refusal(ws.records.update('order', small.id as string, { amount: 20000 }))).toEqual([]);
  });

  it('ISCHANGED and PRIORVALUE compare with the stored record on update', async () => {
    const made = await ws.records.insert('order', {
      name: 'PO',
      account_id: accountId,
      amount: 10,
      stage: 'open',
    });
    const id = made.id as string;
    await ws.records.update('order', id, { stage: 'closed' });
    expect(await refusal(ws.records.update('order', id, { stage: 'open' }))).toEqual([
      '/stage rule no_reopen broken: no_reopen',
    ]);
    expect((await ws.records.get('order', id)).stage).toBe('closed');
    expect(await refusal(ws.records.update('order', id, { amount: 20 }))).toEqual([]);
    expect(await refusal(ws.records.update('order', id, { amount: 2000 }))).toEqual([
      '/amount rule within_credit broken: within_credit',
    ]);
  });

  it('holds for every item of a bulk write, which is refused whole', async () => {
    const before = await count();
    const result = await refusal(
      ws.records.bulk('order', {
        operation: 'create',
        records: [
          { name: 'ok', account_id: accountId, amount: 5 },
          { name: 'over', account_id: accountId, amount: 5000 },
        ],
      }),
    );
    expect(result).toEqual(['/records/1/amount rule within_credit broken: within_credit']);
    expect(await count()).toBe(before);
  });

  it('refuses rules at deploy that name a missing object or field, or whose formula is wrong', async () => {
    const issues = async (rules: ValidationRuleDocument[]) =>
      ws.deploy({ ...DOCS, validationRules: rules }).then(
        () => [],
        (e: TesseraError) => e.issues.map((i) => `${i.document} ${i.pointer} ${i.code}`),
      );
    expect(await issues([rule('a', 'TRUE', { object: 'nothing' })])).toEqual([
      'validation_rule:a /object unknown_object',
    ]);
    expect(await issues([rule('a', 'TRUE', { field: 'nope' })])).toEqual([
      'validation_rule:a /field unknown_field',
    ]);
    expect(await issues([rule('a', 'amount + 1')])).toEqual(['validation_rule:a /formula formula_type']);
    expect(await issues([rule('a', 'amount >')])).toEqual(['validation_rule:a /formula formula_syntax']);
    expect(await issues([rule('a', 'TRUE'), rule('a', 'FALSE')])).toEqual([
      'validation_rule:a /apiName duplicate_name',
    ]);
    expect(ws.model.documents.validationRules?.map((r) => r.apiName).sort()).toEqual([
      'big_needs_account',
      'no_reopen',
      'switched_off',
      'within_credit',
    ]);
  });

  it('a formula saved before the language refused it fails each record it judges, not the whole write', async () => {
    const older = await env.open();
    await older.deploy({
      objects: [
        object('memo', {
          flagged: {
            type: 'boolean',
            readOnly: true,
            'x-tessera': { field: 'formula', returns: 'boolean', formula: 'REGEX(name, "x.*")' },
          },
        }),
      ],
      validationRules: [{ ...rule('no_shouting', 'REGEX(name, "[A-Z]+")'), object: 'memo' }],
    });
    // As an older Tessera saved them: lookaheads, which the linear-time engine cannot run (a deploy refuses them).
    const saveAsOlder = async (ws: Workspace, from: string, to: string) => {
      const revisions = await ws.storage.db
        .selectFrom('tessera_meta_revision')
        .select(['kind', 'doc_id', 'version', 'body'])
        .execute();
      for (const r of revisions.filter((r) => String(r.body).includes(from)))
        await ws.storage.db
          .updateTable('tessera_meta_revision')
          .set({ body: String(r.body).replace(from, to) })
          .where('kind', '=', r.kind)
          .where('doc_id', '=', r.doc_id)
          .where('version', '=', r.version)
          .execute();
      return env.reopen(ws);
    };
    const formulaBroken = await saveAsOlder(older, 'x.*', '(?=x).*');
    // A formula field it can no longer run is blank; the write goes on.
    expect((await formulaBroken.records.insert('memo', { name: 'quiet x' })).flagged).toBeNull();
    const ruleBroken = await saveAsOlder(formulaBroken, '[A-Z]+', '(?=[A-Z])[A-Z]+');
    // A rule it can no longer run refuses, with its own message, as when it cannot be computed for a record.
    expect(await refusal(ruleBroken.records.insert('memo', { name: 'quiet' }))).toEqual([
      'rule no_shouting broken: no_shouting',
    ]);
    expect(await ruleBroken.records.list('memo', { limit: 10 })).toHaveLength(1);
    // The next deploy names what must change.
    await expect(ruleBroken.deploy(ruleBroken.model.documents)).rejects.toMatchObject({
      code: 'invalid_documents',
      message: expect.stringContaining('lookarounds are not supported'),
    });
  });
});
