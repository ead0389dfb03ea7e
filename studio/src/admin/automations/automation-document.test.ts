/**
 * The automation editor's documents are ones the engine accepts; blanks are dropped, the draft's check finds what
 * the admin typed wrong at the place the editor shows it, and the small edits (trigger kind, action order,
 * recipients, literals) do what the editor says.
 */
import { validateDocuments } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import type { ObjectDocument } from '../../api/types.js';
import {
  type AutomationDocument,
  automationDocument,
  blankAction,
  blankAutomation,
  canReview,
  checkDocument,
  draftPointer,
  moveAction,
  newSecret,
  withActive,
  withTriggerKind,
} from './automation-document.js';
import { dateFields, literalOf, lookupFields } from './field-choices.js';
import { recipientList, recipientsOf, typedEmails } from './recipients.js';

const request: ObjectDocument = {
  type: 'object',
  'x-tessera': { apiName: 'service_request', nameField: 'name' },
  properties: {
    name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } },
    priority: {
      type: 'string',
      enum: ['urgent', 'normal'],
      'x-tessera': { field: 'picklist', options: [{ value: 'urgent' }, { value: 'normal' }] },
    },
    visits: { type: 'integer', 'x-tessera': { field: 'integer' } },
    due_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
    site_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'site' } },
  },
  required: ['name'],
};
const site: ObjectDocument = {
  type: 'object',
  'x-tessera': { apiName: 'site', nameField: 'name' },
  properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } },
  required: ['name'],
};

const issuesOf = (doc: AutomationDocument) =>
  validateDocuments({ objects: [request, site], automations: [doc] }).map((i) => `${i.pointer} ${i.code}`);

/** What an admin leaves in the editor: blanks in the other language, spaces around what was typed. */
const draft = (): AutomationDocument => ({
  ...blankAutomation('service_request'),
  apiName: ' notify_urgent ',
  label: { en: ' Notify on urgent requests ', 'zh-CN': '' },
  trigger: { on: ['create'], when: ' ISPICKVAL(priority, "urgent") ', changedFields: [] },
  actions: [
    { type: 'update_record', set: [{ field: 'visits', value: 1 }] },
    {
      type: 'notify',
      to: [{ owner: true }],
      message: { en: 'Urgent request {!name}', 'zh-CN': '紧急报修 {!name}' },
      title: { en: '', 'zh-CN': '' },
    },
  ],
});

describe('automationDocument', () => {
  it('makes the document the engine accepts, blanks dropped and typed text trimmed', () => {
    const doc = automationDocument(draft());
    expect(doc).toEqual({
      kind: 'automation',
      apiName: 'notify_urgent',
      label: { en: 'Notify on urgent requests' },
      object: 'service_request',
      active: true,
      trigger: { on: ['create'], when: 'ISPICKVAL(priority, "urgent")' },
      actions: [
        { type: 'update_record', set: [{ field: 'visits', value: 1 }] },
        {
          type: 'notify',
          to: [{ owner: true }],
          message: { en: 'Urgent request {!name}', 'zh-CN': '紧急报修 {!name}' },
        },
      ],
    });
    expect(issuesOf(doc)).toEqual([]);
  });

  it('keeps a lookup path, a title and the changed fields when they are given', () => {
    const doc = automationDocument({
      ...draft(),
      trigger: { on: ['update'], changedFields: ['priority'] },
      actions: [
        { type: 'update_record', path: ' site_id ', set: [{ field: 'name', formula: ' name & "!" ' }] },
        { type: 'notify', to: [{ owner: true }], message: { en: 'Hi' }, title: { en: ' Heads up ' } },
      ],
    });
    expect(doc.trigger).toEqual({ on: ['update'], changedFields: ['priority'] });
    expect(doc.actions).toEqual([
      { type: 'update_record', path: 'site_id', set: [{ field: 'name', formula: 'name & "!"' }] },
      { type: 'notify', to: [{ owner: true }], message: { en: 'Hi' }, title: { en: 'Heads up' } },
    ]);
    expect(issuesOf(doc)).toEqual([]);
  });

  it('makes a relative trigger and each new action type the engine reads at their places', () => {
    const doc = automationDocument({
      ...draft(),
      trigger: { relative: { field: 'due_at', offset: ' -PT2H ' }, when: '' },
      actions: [
        { type: 'webhook', url: ' https://erp.example.com/hook ', secret: newSecret() },
        { type: 'create_record', object: 'site', set: [{ field: 'name', formula: 'name' }] },
      ],
    });
    expect(doc.trigger).toEqual({ relative: { field: 'due_at', offset: '-PT2H' } });
    expect(doc.actions[0]).toMatchObject({ url: 'https://erp.example.com/hook' });
    expect(issuesOf(doc)).toEqual([]);
  });
});

describe('checkDocument', () => {
  /** The issues of the draft's check, each at its place in the draft. */
  const checked = (d: AutomationDocument) => {
    const { doc, places } = checkDocument(d);
    return validateDocuments({ objects: [request, site], automations: [doc] }).map(
      (i) => `${draftPointer(i.pointer, places)} ${i.code}`,
    );
  };

  it('checks a draft without a name or label yet under stand-ins, so only what was typed is reported', () => {
    expect(checked({ ...draft(), apiName: '', label: { en: '', 'zh-CN': '' } })).toEqual([]);
    expect(checkDocument(draft()).doc.apiName).toBe('notify_urgent');
  });

  it('looks into the condition before any action is ready: a stand-in action, whose problems are none of the draft’s', () => {
    const wrong = { ...draft(), trigger: { on: ['create' as const], when: 'visits + 1' }, actions: [] };
    expect(checkDocument(wrong).places).toEqual([-1]);
    expect(checked(wrong)).toEqual(['/trigger/when formula_type']);
    const blank = { ...wrong, actions: [blankAction('webhook'), blankAction('create_record')] };
    expect(checked(blank)).toEqual(['/trigger/when formula_type']);
  });

  it('reports a wrong condition, a wrong set formula and an unknown field where the editor shows them', () => {
    const wrong = {
      ...draft(),
      trigger: { on: ['create' as const], when: 'ISPICKVAL(priority, ' },
      actions: [
        blankAction('webhook'),
        { type: 'update_record' as const, set: [{ field: 'visits', formula: 'NOPE(1)' }] },
        { type: 'update_record' as const, set: [{ field: '', formula: 'name' }] },
        { type: 'update_record' as const, set: [{ field: 'no_such_field', value: 'x' }] },
      ],
    };
    expect(checkDocument(wrong).places).toEqual([1, 3]);
    const issues = checked(wrong);
    expect(issues.some((i) => i.startsWith('/trigger/when '))).toBe(true);
    expect(issues.some((i) => i.startsWith('/actions/1/set/0/formula '))).toBe(true);
    expect(issues.some((i) => i.startsWith('/actions/3/set/0/field '))).toBe(true);
    expect(issues.every((i) => !i.startsWith('/actions/0') && !i.startsWith('/actions/2'))).toBe(true);
  });

  it('finds a problem’s place in the draft, and none for the stand-in', () => {
    expect(draftPointer('/actions/1/url', [0, 4])).toBe('/actions/4/url');
    expect(draftPointer('/actions/0', [2])).toBe('/actions/2');
    expect(draftPointer('/actions/0/message', [-1])).toBeUndefined();
    expect(draftPointer('/actions/7', [0])).toBeUndefined();
    expect(draftPointer('/trigger/when', [-1])).toBe('/trigger/when');
    expect(draftPointer('/actions', [])).toBe('/actions');
  });
});

describe('the editor’s edits', () => {
  it('may be reviewed only with a valid name, a label, an object and an action', () => {
    expect(canReview(draft())).toBe(true);
    expect(canReview({ ...draft(), apiName: 'Bad Name' })).toBe(false);
    expect(canReview({ ...draft(), label: { en: ' ', 'zh-CN': '' } })).toBe(false);
    expect(canReview({ ...draft(), label: { 'zh-CN': '紧急' } })).toBe(true);
    expect(canReview({ ...draft(), object: '' })).toBe(false);
    expect(canReview({ ...draft(), actions: [] })).toBe(false);
  });

  it('switches the trigger kind keeping the condition, and back', () => {
    const record = { on: ['update' as const], when: 'ISCHANGED(priority)' };
    const relative = withTriggerKind(record, 'relative');
    expect(relative).toEqual({ relative: { field: '', offset: '-P1D' }, when: 'ISCHANGED(priority)' });
    expect(withTriggerKind(relative, 'record')).toEqual({ on: ['create'], when: 'ISCHANGED(priority)' });
    expect(withTriggerKind(record, 'record')).toBe(record);
    // Through a schedule, which has no condition, the one typed before comes back.
    expect(
      withTriggerKind({ schedule: { cron: '0 9 * * *', timeZone: 'UTC' } }, 'relative', 'ISNEW()'),
    ).toEqual({
      relative: { field: '', offset: '-P1D' },
      when: 'ISNEW()',
    });
    expect(withTriggerKind({ on: ['create'], when: 'A' }, 'relative', 'B')).toMatchObject({ when: 'A' });
    expect(withTriggerKind({ on: ['create'] }, 'relative')).toEqual({
      relative: { field: '', offset: '-P1D' },
    });
    const schedule = withTriggerKind(record, 'schedule');
    expect(schedule).toMatchObject({ schedule: { cron: '0 9 * * 1-5' } });
    expect(issuesOf(automationDocument({ ...draft(), trigger: schedule }))).toEqual([]);
  });

  it('starts every action type with blanks the engine names, not with a crash', () => {
    for (const type of ['update_record', 'create_record', 'assign', 'notify', 'webhook'] as const) {
      const issues = issuesOf(automationDocument({ ...draft(), actions: [blankAction(type)] }));
      expect(issues.length, type).toBeGreaterThan(0);
      expect(
        issues.every((i) => i.startsWith('/actions/0')),
        `${type}: ${issues}`,
      ).toBe(true);
    }
  });

  it('moves an action up or down inside the list only', () => {
    const [a, b, c] = [blankAction('notify'), blankAction('webhook'), blankAction('assign')];
    expect(moveAction([a, b, c], 1, -1)).toEqual([b, a, c]);
    expect(moveAction([a, b, c], 1, 1)).toEqual([a, c, b]);
    expect(moveAction([a, b, c], 0, -1)).toEqual([a, b, c]);
    expect(moveAction([a, b, c], 2, 1)).toEqual([a, b, c]);
  });

  it('switches an automation on and off without changing anything else', () => {
    const doc = automationDocument(draft());
    expect(withActive(doc, false)).toEqual({ ...doc, active: false });
  });

  it('offers a new webhook secret of 32 hex digits, different each time', () => {
    expect(newSecret()).toMatch(/^[0-9a-f]{32}$/);
    expect(newSecret()).not.toBe(newSecret());
    expect(newSecret(() => new Uint8Array(16).fill(255))).toBe('f'.repeat(32));
  });
});

describe('recipients', () => {
  it('go from the document to the editor and back in the document’s order', () => {
    const to = [
      { owner: true as const },
      { role: 'dispatcher' },
      { user: 'a@example.com' },
      { field: 'engineer' },
    ];
    expect(recipientsOf(to)).toEqual({
      owner: true,
      roles: ['dispatcher'],
      users: ['a@example.com'],
      fields: ['engineer'],
    });
    expect(recipientList(recipientsOf(to))).toEqual(to);
    expect(recipientList({ owner: false, roles: [], users: [], fields: [] })).toEqual([]);
  });

  it('split typed e-mails at commas, semicolons and spaces (also full-width), blanks dropped', () => {
    expect(typedEmails(' a@x.com, b@x.com;c@x.com  d@x.com，e@x.com ,, ')).toEqual([
      'a@x.com',
      'b@x.com',
      'c@x.com',
      'd@x.com',
      'e@x.com',
    ]);
    expect(typedEmails('  ')).toEqual([]);
  });
});

describe('field choices', () => {
  it('take a typed literal as the field’s schema does', () => {
    expect(literalOf({ type: 'integer' }, '3')).toBe(3);
    expect(literalOf({ type: ['number', 'null'] }, '2.5')).toBe(2.5);
    expect(literalOf({ type: 'integer' }, 'three')).toBe('three');
    expect(literalOf({ type: 'integer' }, '')).toBe('');
    expect(literalOf({ type: 'boolean' }, 'true')).toBe(true);
    expect(literalOf({ type: 'boolean' }, 'no')).toBe(false);
    expect(literalOf({ type: 'string' }, '007')).toBe('007');
    expect(literalOf(undefined, '1')).toBe('1');
  });

  it('find the date fields and the lookups with their targets', () => {
    expect(dateFields(request.properties)).toEqual(['due_at']);
    expect(lookupFields(request.properties)).toEqual([{ field: 'site_id', target: 'site' }]);
  });
});
