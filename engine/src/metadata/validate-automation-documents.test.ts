import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formula, object, text } from '../../test/documents.js';
import { isFieldType } from '../fields/registry.js';
import { buildAutomationMetaSchema } from './automation-meta-schema.js';
import type { AutomationDocument, DocumentSet, ObjectDocument, PropertyDocument } from './types.js';
import { validateDocuments } from './validate-documents.js';

const picklist = (values: string[], extra: Partial<PropertyDocument> = {}): PropertyDocument => ({
  type: 'string',
  enum: values,
  'x-tessera': { field: 'picklist', options: values.map((value) => ({ value })) },
  ...extra,
});
const lookup = (target: string): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field: 'lookup', target },
});
const date = { type: 'string', format: 'date', 'x-tessera': { field: 'date' } } as PropertyDocument;
const datetime = {
  type: 'string',
  format: 'date-time',
  'x-tessera': { field: 'datetime' },
} as PropertyDocument;

const account = object('account', { region: picklist(['north', 'south']), parent: lookup('account') });
const deal = object('deal', {
  stage: picklist(['open', 'won', 'lost']),
  amount: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  close_date: date,
  follow_up_at: datetime,
  account: lookup('account'),
  next_step: text({ maxLength: 10 }),
  tags: {
    type: 'array',
    items: { type: 'string', enum: ['a', 'b'] },
    'x-tessera': { field: 'multipicklist', options: [{ value: 'a' }, { value: 'b' }] },
  },
  number: { type: 'string', readOnly: true, 'x-tessera': { field: 'autonumber', format: 'D-{0000}' } },
  big: formula('amount > 1000', 'boolean'),
  close_day: formula('close_date', 'date'),
});
const task = object(
  'task',
  {
    deal: lookup('deal'),
    due: date,
    status: picklist(['open', 'done']),
    priority: picklist(['high', 'normal'], { default: 'normal' }),
  },
  ['status', 'priority'],
);

/** An automation that uses every part of the format correctly. */
const good = (extra: Partial<AutomationDocument> = {}): AutomationDocument => ({
  kind: 'automation',
  apiName: 'won_deal',
  label: { en: 'Won deal', 'zh-CN': '赢单' },
  object: 'deal',
  active: true,
  trigger: {
    on: ['create', 'update'],
    when: 'AND(ISCHANGED(stage), ISPICKVAL(stage, "won"), PRIORVALUE(amount) >= 0)',
    changedFields: ['stage', 'owner_id'],
  },
  actions: [
    {
      type: 'update_record',
      set: [
        { field: 'next_step', value: 'invoice' },
        { field: 'close_date', formula: 'TODAY()' },
      ],
    },
    { type: 'update_record', path: 'account', set: [{ field: 'region', formula: '"north"' }] },
    {
      type: 'create_record',
      object: 'task',
      set: [
        { field: 'name', formula: '"Follow up " & name' },
        { field: 'deal', formula: 'id' },
        { field: 'due', formula: 'TODAY() + 3' },
        { field: 'status', value: 'open' },
        { field: 'owner_id', formula: 'owner_id' },
      ],
    },
    { type: 'assign', field: 'account.owner_id' },
    { type: 'assign', roundRobin: { role: 'rep' } },
    {
      type: 'notify',
      to: [
        { owner: true },
        { role: 'rep' },
        { user: 'boss@example.com' },
        { field: 'account.parent.owner_id' },
      ],
      message: { en: 'Won {!name} ({!amount})', 'zh-CN': '赢单 {!name}' },
      title: { en: 'Deal {!number} won' },
    },
    { type: 'webhook', url: 'https://erp.example.com/hooks/tessera', secret: 'a-secret-of-16-chars' },
  ],
  ...extra,
});

const documents = (...automations: unknown[]): DocumentSet => ({
  objects: [account, deal, task],
  roles: [{ kind: 'role', apiName: 'rep' }],
  automations: automations as AutomationDocument[],
});
const issues = (...automations: unknown[]) =>
  validateDocuments(documents(...automations)).map((i) => `${i.document} ${i.pointer} ${i.code}`);
/** The one automation `good()` with `change` made to a copy of it. */
const bad = (change: (doc: AutomationDocument & Record<string, unknown>) => void) => {
  const doc = structuredClone(good()) as AutomationDocument & Record<string, unknown>;
  change(doc);
  return issues(doc);
};
// biome-ignore lint/suspicious/noExplicitAny: tests write bad documents on purpose.
const action = (doc: AutomationDocument, i: number): any => doc.actions[i];

describe('automation documents', () => {
  it('accept every trigger and action used as documented', () => {
    expect(issues(good())).toEqual([]);
    expect(
      issues(
        good({
          apiName: 'daily',
          trigger: {
            schedule: { cron: '0 9 * * 1-5', timeZone: 'Asia/Shanghai' },
            filter: { stage: { eq: 'open' } },
          },
        }),
        good({
          apiName: 'nightly',
          actions: [{ type: 'webhook', url: 'http://10.0.0.1:8080/x', secret: '0123456789abcdef' }],
          trigger: { schedule: { cron: '@daily', timeZone: 'America/New_York' } },
        }),
        good({
          apiName: 'before_follow_up',
          trigger: { relative: { field: 'follow_up_at', offset: '-PT2H' }, when: 'ISPICKVAL(stage, "open")' },
        }),
        good({
          apiName: 'a_week_after_creation',
          trigger: { relative: { field: 'created_at', offset: 'P1W' } },
        }),
        good({
          apiName: 'gone',
          trigger: { on: ['delete'] },
          actions: [{ type: 'notify', to: [{ owner: true }], message: { en: '{!name} was deleted' } }],
        }),
      ),
    ).toEqual([]);
  });

  it('refuse a document of the wrong shape with pointers into it', () => {
    expect(issues({ kind: 'automation', apiName: 'empty' })).toEqual([
      'automation:empty /label required',
      'automation:empty /object required',
      'automation:empty /active required',
      'automation:empty /trigger required',
      'automation:empty /actions required',
    ]);
    expect(
      bad((d) => {
        d.actions = [];
        d.extra = 1;
      }),
    ).toEqual(['automation:won_deal /extra unknown_property', 'automation:won_deal /actions minItems']);
    expect(
      bad((d) => {
        d.actions = [{ type: 'email' } as never, { type: 'webhook', url: 'https://x.example' } as never];
      }),
    ).toEqual(['automation:won_deal /actions/0/type enum', 'automation:won_deal /actions/1/secret required']);
    expect(
      bad((d) => {
        action(d, 5).message = { 'zh-CN': '只有中文' };
        action(d, 5).to = [];
        action(d, 6).secret = 'short';
        action(d, 0).bogus = true;
      }),
    ).toEqual([
      'automation:won_deal /actions/0/bogus unknown_property',
      'automation:won_deal /actions/5/to minItems',
      'automation:won_deal /actions/5/message/en required',
      'automation:won_deal /actions/6/secret minLength',
    ]);
    expect(
      bad((d) => {
        action(d, 5).to = [{}, { owner: true, role: 'rep' }, { user: 'not an address' }, { owner: false }];
      }),
    ).toEqual([
      'automation:won_deal /actions/5/to/0 empty',
      'automation:won_deal /actions/5/to/1 maxProperties',
      'automation:won_deal /actions/5/to/2/user format',
      'automation:won_deal /actions/5/to/3/owner const',
    ]);
  });

  it('refuse a record trigger with no writes, unknown writes, or a record trigger mixed with a schedule', () => {
    expect(bad((d) => Object.assign(d.trigger, { on: [] }))).toEqual([
      'automation:won_deal /trigger/on minItems',
    ]);
    expect(bad((d) => Object.assign(d.trigger, { on: ['create', 'create'] }))).toEqual([
      'automation:won_deal /trigger/on uniqueItems',
    ]);
    expect(bad((d) => Object.assign(d.trigger, { on: ['insert'] }))).toEqual([
      'automation:won_deal /trigger/on/0 enum',
    ]);
    expect(bad((d) => (d.trigger = {} as never))).toEqual(['automation:won_deal /trigger/on required']);
    expect(
      bad((d) => (d.trigger = { on: ['create'], schedule: { cron: '* * * * *', timeZone: 'UTC' } } as never)),
    ).toEqual(['automation:won_deal /trigger/on unknown_property']);
  });

  it('refuse an object that does not exist, and a name used twice', () => {
    expect(bad((d) => (d.object = 'ghost'))).toEqual(['automation:won_deal /object unknown_object']);
    expect(issues(good(), good())).toEqual(['automation:won_deal /apiName duplicate_name']);
  });

  it('refuse changed fields that do not exist or cannot change on the writes it runs on', () => {
    expect(bad((d) => Object.assign(d.trigger, { changedFields: ['stage', 'nope', 'updated_at'] }))).toEqual([
      'automation:won_deal /trigger/changedFields/1 unknown_field',
      'automation:won_deal /trigger/changedFields/2 unknown_field',
    ]);
    expect(
      bad((d) => Object.assign(d.trigger, { on: ['create'], when: undefined, changedFields: ['stage'] })),
    ).toEqual(['automation:won_deal /trigger/changedFields changed_fields_without_update']);
  });

  it('refuse a condition that does not compile or is not true/false, saying where', () => {
    const at = (when: string) =>
      validateDocuments(documents({ ...good(), trigger: { on: ['update'], when } }));
    expect(at('stage + 1').map((i) => [i.pointer, i.code])).toEqual([['/trigger/when', 'formula_type']]);
    expect(at('amount').map((i) => [i.pointer, i.code, i.message])).toEqual([
      ['/trigger/when', 'formula_type', 'a condition must be true or false, not number'],
    ]);
    const unknown = at('ISCHANGED(nope)');
    expect(unknown.map((i) => [i.pointer, i.code])).toEqual([['/trigger/when', 'formula_unknown_field']]);
    expect(unknown[0]?.message).toContain('line 1, column 11');
    // A relative trigger's condition is checked the same way.
    expect(
      bad((d) => (d.trigger = { relative: { field: 'close_date', offset: 'P1D' }, when: 'FOO()' })),
    ).toEqual(['automation:won_deal /trigger/when formula_unknown_function']);
  });

  it('refuse a schedule that is not a five-field cron in an IANA time zone, or filters on what is not there', () => {
    const schedule = (cron: string, timeZone: string, filter?: unknown) =>
      bad((d) => (d.trigger = { schedule: { cron, timeZone }, ...(filter ? { filter } : {}) } as never));
    expect(schedule('61 9 * * *', 'UTC')).toEqual(['automation:won_deal /trigger/schedule/cron bad_cron']);
    expect(schedule('0 0 9 * * 1-5', 'UTC')).toEqual(['automation:won_deal /trigger/schedule/cron bad_cron']);
    expect(schedule('every day', 'UTC')).toEqual(['automation:won_deal /trigger/schedule/cron bad_cron']);
    expect(schedule('@sometimes', 'UTC')).toEqual(['automation:won_deal /trigger/schedule/cron bad_cron']);
    expect(schedule('0 9 * * *', 'Mars/Olympus')).toEqual([
      'automation:won_deal /trigger/schedule/timeZone bad_time_zone',
    ]);
    expect(schedule('0 9 * * *', '+08:00')).toEqual([
      'automation:won_deal /trigger/schedule/timeZone bad_time_zone',
    ]);
    expect(schedule('0 9 * * *', 'UTC', { nope: { eq: 1 }, stage: { eq: 'won' } })).toEqual([
      'automation:won_deal /trigger/filter/nope unknown_field',
    ]);
    expect(schedule('0 9 * * *', 'UTC', { tags: { startsWith: 'a' } })).toEqual([
      'automation:won_deal /trigger/filter/tags/startsWith operator_not_allowed',
    ]);
    const [cron] = validateDocuments(
      documents({ ...good(), trigger: { schedule: { cron: '0 25 * * *', timeZone: 'UTC' } } }),
    );
    expect(cron?.message).toBe('"0 25 * * *" is not a valid schedule: Invalid value for hour: 25');
  });

  it('refuse a relative trigger on a field that is not a stored date, or an offset that is not a duration', () => {
    const relative = (field: string, offset = '-PT2H') =>
      bad((d) => (d.trigger = { relative: { field, offset } }));
    expect(relative('nope')).toEqual(['automation:won_deal /trigger/relative/field unknown_field']);
    expect(relative('amount')).toEqual(['automation:won_deal /trigger/relative/field not_a_date_field']);
    expect(relative('close_day')).toEqual(['automation:won_deal /trigger/relative/field not_a_date_field']);
    expect(relative('owner_id')).toEqual(['automation:won_deal /trigger/relative/field not_a_date_field']);
    for (const offset of ['2H', 'PT2.5H', 'P', 'PT', 'P1H', '-P1DT'])
      expect(relative('close_date', offset), offset).toEqual([
        'automation:won_deal /trigger/relative/offset bad_duration',
      ]);
  });

  it('refuse setting fields that do not exist or are not writable, and values that do not fit them', () => {
    expect(
      bad((d) => {
        action(d, 0).set = [
          { field: 'nope', value: 1 },
          { field: 'number', value: 'D-1' },
          { field: 'big', formula: 'TRUE' },
          { field: 'updated_at', formula: 'NOW()' },
          { field: 'stage', value: 'pending' },
          { field: 'next_step', value: 'far more than ten characters' },
          { field: 'amount', value: '12' },
          { field: 'name', value: null },
          { field: 'close_date', formula: '"tomorrow"' },
          { field: 'amount', formula: 'stage' },
          { field: 'tags', formula: '"a"' },
          { field: 'account', formula: 'amount +' },
          { field: 'owner_id', value: 'not a user id' },
        ];
      }),
    ).toEqual([
      'automation:won_deal /actions/0/set/0/field unknown_field',
      'automation:won_deal /actions/0/set/1/field not_writable',
      'automation:won_deal /actions/0/set/2/field not_writable',
      'automation:won_deal /actions/0/set/3/field not_writable',
      'automation:won_deal /actions/0/set/4/value bad_value',
      'automation:won_deal /actions/0/set/5/value bad_value',
      'automation:won_deal /actions/0/set/6/value bad_value',
      'automation:won_deal /actions/0/set/7/value value_required',
      'automation:won_deal /actions/0/set/8/formula formula_type',
      'automation:won_deal /actions/0/set/9/field duplicate_field',
      'automation:won_deal /actions/0/set/9/formula formula_type',
      'automation:won_deal /actions/0/set/10/formula formula_not_settable',
      'automation:won_deal /actions/0/set/11/formula formula_syntax',
      'automation:won_deal /actions/0/set/12/value bad_value',
    ]);
    expect(
      bad((d) => {
        action(d, 0).set = [{ field: 'stage', value: 'won', formula: '"won"' }, { field: 'next_step' }];
      }),
    ).toEqual([
      'automation:won_deal /actions/0/set/0 value_or_formula',
      'automation:won_deal /actions/0/set/1 value_or_formula',
    ]);
  });

  it('refuse a parent path that does not follow lookups, and changes to a parent that do not fit it', () => {
    const path = (p: string, set: unknown[] = [{ field: 'region', value: 'north' }]) =>
      bad((d) => Object.assign(action(d, 1), { path: p, set }));
    expect(path('account.parent.parent')).toEqual([]);
    expect(path('nope')).toEqual(['automation:won_deal /actions/1/path unknown_field']);
    expect(path('stage')).toEqual(['automation:won_deal /actions/1/path not_a_lookup']);
    expect(path('account.stage')).toEqual(['automation:won_deal /actions/1/path unknown_field']);
    expect(path('account.parent.parent.parent.parent.parent')).toEqual([
      'automation:won_deal /actions/1/path path_too_long',
    ]);
    expect(path('Account')).toEqual(['automation:won_deal /actions/1/path pattern']);
    expect(
      path('account', [
        { field: 'stage', value: 'won' },
        { field: 'region', value: 'east' },
      ]),
    ).toEqual([
      'automation:won_deal /actions/1/set/0/field unknown_field',
      'automation:won_deal /actions/1/set/1/value bad_value',
    ]);
  });

  it('refuse a new record of an object that does not exist, or without its required values', () => {
    expect(bad((d) => (action(d, 2).object = 'ghost'))).toEqual([
      'automation:won_deal /actions/2/object unknown_object',
    ]);
    // `priority` is required too, but has a default.
    const missing = validateDocuments(
      documents({
        ...good(),
        actions: [{ type: 'create_record', object: 'task', set: [{ field: 'due', formula: 'TODAY()' }] }],
      }),
    );
    expect(missing.map((i) => [i.pointer, i.code, i.message])).toEqual([
      ['/actions/0/set', 'missing_required', 'a new task needs "name", "status": set them'],
    ]);
    // The values are those of the new record's object; the formulas read the triggering record.
    expect(
      bad((d) => {
        action(d, 2).set.push({ field: 'stage', value: 'won' }, { field: 'due', formula: 'due' });
      }),
    ).toEqual([
      'automation:won_deal /actions/2/set/5/field unknown_field',
      'automation:won_deal /actions/2/set/6/field duplicate_field',
      'automation:won_deal /actions/2/set/6/formula formula_unknown_field',
    ]);
  });

  it('refuse an owner taken from what does not name a user, or a round robin over a role that does not exist', () => {
    const assign = (value: object) => bad((d) => (d.actions[3] = { type: 'assign', ...value } as never));
    expect(assign({ field: 'created_by' })).toEqual([]);
    expect(assign({ field: 'next_step' })).toEqual(['automation:won_deal /actions/3/field not_a_user_field']);
    expect(assign({ field: 'account.region' })).toEqual([
      'automation:won_deal /actions/3/field not_a_user_field',
    ]);
    expect(assign({ field: 'account.nope' })).toEqual(['automation:won_deal /actions/3/field unknown_field']);
    expect(assign({ field: 'stage.owner_id' })).toEqual([
      'automation:won_deal /actions/3/field not_a_lookup',
    ]);
    expect(assign({ roundRobin: { role: 'ghost' } })).toEqual([
      'automation:won_deal /actions/3/roundRobin/role unknown_role',
    ]);
    expect(assign({})).toEqual(['automation:won_deal /actions/3 assign_source']);
    expect(assign({ field: 'owner_id', roundRobin: { role: 'rep' } })).toEqual([
      'automation:won_deal /actions/3 assign_source',
    ]);
  });

  it('refuse changing or assigning the triggering record when it runs on a delete', () => {
    expect(bad((d) => Object.assign(d.trigger, { on: ['update', 'delete'] }))).toEqual([
      'automation:won_deal /actions/0 action_on_deleted_record',
      'automation:won_deal /actions/3 action_on_deleted_record',
      'automation:won_deal /actions/4 action_on_deleted_record',
    ]);
  });

  it('refuse recipients that are not there, and merges of fields the record does not have', () => {
    expect(
      bad((d) => {
        action(d, 5).to = [{ role: 'ghost' }, { field: 'next_step' }, { field: 'account.nope.owner_id' }];
        action(d, 5).message = { en: 'Won {!nme}', 'zh-CN': '赢单 {!name} {!金额}' };
        action(d, 5).title = { en: '{!}' };
      }),
    ).toEqual([
      'automation:won_deal /actions/5/to/0/role unknown_role',
      'automation:won_deal /actions/5/to/1/field not_a_user_field',
      'automation:won_deal /actions/5/to/2/field unknown_field',
      'automation:won_deal /actions/5/message/en unknown_merge_field',
      'automation:won_deal /actions/5/message/zh-CN unknown_merge_field',
      'automation:won_deal /actions/5/title/en unknown_merge_field',
    ]);
  });

  it('refuse a webhook URL that is not absolute http(s)', () => {
    for (const url of ['/hooks/x', 'ftp://example.com/x', 'mailto:ops@example.com', 'javascript:alert(1)'])
      expect(
        bad((d) => (action(d, 6).url = url)),
        url,
      ).toEqual([expect.stringMatching(/^automation:won_deal \/actions\/6\/url (bad_url|format)$/)]);
  });

  it('name every problem of a document at once, and do not repeat the problems of a broken object', () => {
    const broken = {
      ...deal,
      properties: { ...deal.properties, stage: { type: 'string' } },
    } as unknown as ObjectDocument;
    const all = validateDocuments({ ...documents(good()), objects: [account, broken, task] });
    expect(all.every((i) => i.document === 'deal')).toBe(true);
    expect(
      bad((d) => {
        d.object = 'task';
        d.trigger = { on: ['update'], when: 'stage' };
      }).length,
    ).toBeGreaterThan(5);
  });

  it.runIf(isFieldType('user'))(
    'take the owner and recipients from user fields, on the record or lookups away',
    () => {
      const withUser = (doc: ObjectDocument): ObjectDocument => ({
        ...doc,
        properties: {
          ...doc.properties,
          manager: { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' as never } },
        },
      });
      const set = { ...documents(good()), objects: [withUser(account), withUser(deal), task] };
      set.automations = [
        good({
          actions: [
            { type: 'assign', field: 'account.manager' },
            { type: 'notify', to: [{ field: 'manager' }], message: { en: 'x' } },
          ],
        }),
      ];
      expect(validateDocuments(set)).toEqual([]);
    },
  );
});

describe('the automation meta-schema', () => {
  it('is a valid draft 2020-12 schema that strict ajv compiles', () => {
    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv);
    const schema = buildAutomationMetaSchema();
    expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('is committed as engine/schemas/automation.schema.json', () => {
    const file = new URL('../../schemas/automation.schema.json', import.meta.url);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '(missing)';
    expect(
      committed,
      'engine/schemas/automation.schema.json is stale: run `pnpm --filter @tessera/engine schemas`',
    ).toBe(`${JSON.stringify(buildAutomationMetaSchema(), null, 2)}\n`);
  });
});
