/**
 * Automation documents through the metadata API: managed one at a time under /meta/automations, deployed in a
 * package, versioned (diff and restore), published in the OpenAPI, refused with pointers and codes, and out of
 * reach of anyone who may not manage metadata.
 */
import type { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const ticket = object('ticket', {
  status: {
    type: 'string',
    enum: ['new', 'open', 'closed'],
    'x-tessera': { field: 'picklist', options: [{ value: 'new' }, { value: 'open' }, { value: 'closed' }] },
  },
  due: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
  summary: text(),
});

const escalate = {
  kind: 'automation',
  apiName: 'escalate',
  label: { en: 'Escalate new tickets', 'zh-CN': '升级新工单' },
  object: 'ticket',
  active: true,
  trigger: { on: ['create', 'update'], when: 'ISPICKVAL(status, "new") && (ISNEW() || ISCHANGED(status))' },
  actions: [
    { type: 'update_record', set: [{ field: 'summary', formula: '"New: " & name' }] },
    {
      type: 'notify',
      to: [{ owner: true }, { role: 'support' }],
      message: { en: 'New ticket {!name}', 'zh-CN': '新工单 {!name}' },
    },
    { type: 'webhook', url: 'https://hooks.example.com/tickets', secret: 'whsec-0123456789abcdef' },
  ],
};
const reminder = {
  kind: 'automation',
  apiName: 'due_reminder',
  label: { en: 'Due soon', 'zh-CN': '即将到期' },
  object: 'ticket',
  active: false,
  trigger: { relative: { field: 'due', offset: '-PT2H' }, when: 'NOT(ISPICKVAL(status, "closed"))' },
  actions: [{ type: 'notify', to: [{ owner: true }], message: { en: '{!name} is due in two hours' } }],
};

const PASSWORD = 'correct horse battery';
const errorsOf = (res: TestResponse) =>
  (res.body?.errors ?? []).map((e: { field: string; code: string }) => `${e.field} ${e.code}`);

describeEachDialect('automations over the metadata API', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let agentToken: string;
  const automations = async () => (await api.call('GET', '/api/v1/meta/automations')).body.data;
  /** The API names of the workspace's automations, in name order (the list keeps the order they came in). */
  const names = async () => (await automations()).map((a: { apiName: string }) => a.apiName).sort();

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy({
      objects: [ticket],
      roles: [{ kind: 'role', apiName: 'support' }],
      permissionSets: [
        {
          kind: 'permission_set',
          apiName: 'agents',
          objects: { ticket: { read: true, create: true, edit: true, delete: true } },
        },
      ],
    });
    api = await serveForTest(ws);
    const agent = await api.call('POST', '/api/v1/users', {
      email: 'agent@example.com',
      password: PASSWORD,
      role: 'support',
      permissionSets: ['agents'],
    });
    expect(agent.status).toBe(201);
    agentToken = (await api.call('POST', '/api/v1/tokens', { name: 'agent', userId: agent.body.data.id }))
      .body.data.token;
  });
  afterAll(() => api.server.close());

  it('creates, reads, replaces and deletes one under /meta/automations, each change a version', async () => {
    const made = await api.call('PUT', '/api/v1/meta/automations/escalate', escalate);
    expect(made.status).toBe(201);
    expect(made.body.data).toEqual(escalate);
    expect((await api.call('GET', '/api/v1/meta/automations/escalate')).body.data).toEqual(escalate);
    const off = { ...escalate, active: false };
    const replaced = await api.call('PUT', '/api/v1/meta/automations/escalate', off);
    expect(replaced.status).toBe(200);
    expect(await automations()).toEqual([off]);
    const versions = (await api.call('GET', '/api/v1/meta/versions')).body.data;
    expect(versions.slice(0, 2).map((v: { message: string }) => v.message)).toEqual([
      'Change automation escalate',
      'Create automation escalate',
    ]);
    // A field an automation sets cannot go away under it: the automation is named.
    const dropped = await api.call('DELETE', '/api/v1/meta/objects/ticket/fields/summary');
    expect([dropped.status, ...errorsOf(dropped)]).toEqual([
      422,
      'automation:escalate/actions/0/set/0/field unknown_field',
    ]);
    expect((await api.call('DELETE', '/api/v1/meta/automations/escalate')).status).toBe(200);
    const gone = await api.call('GET', '/api/v1/meta/automations/escalate');
    expect([gone.status, gone.body.code]).toEqual([404, 'unknown_document']);
    expect(await automations()).toEqual([]);
  });

  it('refuses a bad automation with every problem, each by pointer and code, and stores nothing', async () => {
    const version = ws.model.version;
    const bad = await api.call('PUT', '/api/v1/meta/automations/broken', {
      ...escalate,
      apiName: 'broken',
      trigger: { on: ['update'], when: 'status', changedFields: ['colour'] },
      actions: [
        { type: 'update_record', set: [{ field: 'created_at', formula: 'NOW()' }] },
        { type: 'notify', to: [{ role: 'nobody' }], message: { en: 'Hi {!nobody}' } },
        { type: 'webhook', url: 'ftp://files.example.com/x', secret: 'whsec-0123456789abcdef' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid_documents');
    expect(errorsOf(bad)).toEqual([
      'automation:broken/trigger/changedFields/0 unknown_field',
      'automation:broken/trigger/when formula_type',
      'automation:broken/actions/0/set/0/field not_writable',
      'automation:broken/actions/1/to/0/role unknown_role',
      'automation:broken/actions/1/message/en unknown_merge_field',
      'automation:broken/actions/2/url bad_url',
    ]);
    expect(bad.body.errors[1].message).toBe('a condition must be true or false, not picklist');
    const schedule = await api.call('PUT', '/api/v1/meta/automations/broken', {
      ...reminder,
      apiName: 'broken',
      trigger: { schedule: { cron: '0 9 * *', timeZone: 'Asia/Shanghia' } },
    });
    expect(errorsOf(schedule)).toEqual([
      'automation:broken/trigger/schedule/timeZone bad_time_zone',
      'automation:broken/trigger/schedule/cron bad_cron',
    ]);
    const mismatch = await api.call('PUT', '/api/v1/meta/automations/other', escalate);
    expect([mismatch.status, mismatch.body.code]).toEqual([400, 'name_mismatch']);
    expect(ws.model.version).toBe(version);
    expect(await automations()).toEqual([]);
  });

  it('deploys automations in a package, diffs versions and restores an earlier one', async () => {
    const before = ws.model.version;
    const deployed = await api.call('POST', '/api/v1/meta/deploy', { automations: [escalate, reminder] });
    expect(deployed.status).toBe(200);
    expect(await names()).toEqual(['due_reminder', 'escalate']);
    await api.call('PUT', '/api/v1/meta/automations/due_reminder', { ...reminder, active: true });
    const diff = await api.call('GET', `/api/v1/meta/versions/${before + 1}/diff/${before + 2}`);
    expect(diff.body.data).toEqual([
      {
        kind: 'automation',
        name: 'due_reminder',
        change: 'changed',
        changes: [{ pointer: '/active', before: false, after: true }],
      },
    ]);
    const added = await api.call('GET', `/api/v1/meta/versions/${before}/diff/${before + 1}`);
    expect(
      added.body.data.map((d: { kind: string; name: string; change: string }) => [d.kind, d.name, d.change]),
    ).toEqual([
      ['automation', 'due_reminder', 'added'],
      ['automation', 'escalate', 'added'],
    ]);
    const restored = await api.call('POST', `/api/v1/meta/versions/${before}/restore`);
    expect(restored.body.meta.applied).toBe(true);
    expect(await automations()).toEqual([]);
    await api.call('POST', `/api/v1/meta/versions/${before + 2}/restore`);
    expect(await api.call('GET', '/api/v1/meta/automations/due_reminder').then((r) => r.body.data)).toEqual({
      ...reminder,
      active: true,
    });
    expect(await names()).toEqual(['due_reminder', 'escalate']);
  });

  it('is out of reach of a user who may not manage metadata, who changes nothing', async () => {
    const version = ws.model.version;
    const agent = { authorization: `Bearer ${agentToken}` };
    expect((await api.call('POST', '/api/v1/data/ticket', { name: 'works' }, agent)).status).toBe(201);
    for (const [method, path, body] of [
      ['GET', '/api/v1/meta/automations', undefined],
      ['GET', '/api/v1/meta/automations/escalate', undefined],
      ['PUT', '/api/v1/meta/automations/mine', { ...escalate, apiName: 'mine' }],
      ['DELETE', '/api/v1/meta/automations/escalate', undefined],
      ['POST', '/api/v1/meta/deploy', { automations: [{ ...escalate, apiName: 'mine' }] }],
    ] as const) {
      const res = await api.call(method, path, body, agent);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'forbidden']);
    }
    expect(ws.model.version).toBe(version);
    expect(await names()).toEqual(['due_reminder', 'escalate']);
  });

  it('publishes the automation meta-schema and its routes in the OpenAPI document', async () => {
    const openapi = (await api.call('GET', '/api/v1/openapi.json')).body;
    expect(openapi.components.schemas.AutomationDocument).toMatchObject({
      $id: 'https://tessera.dev/schemas/v1/automation.schema.json',
      required: ['kind', 'apiName', 'label', 'object', 'active', 'trigger', 'actions'],
    });
    expect(Object.keys(openapi.paths['/api/v1/meta/automations/{name}']).sort()).toEqual([
      'delete',
      'get',
      'parameters',
      'put',
    ]);
  });
});
