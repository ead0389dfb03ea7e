/**
 * The typed client's calls of automations against a real server, on both dialects: the documents under
 * `/meta/automations` (dry runs change nothing; refusals come back as problems with their pointers), the run
 * history and the caller's notifications.
 */
import { createClient, TesseraApiError } from '@tessera/client';
import type { AutomationDocument as EngineAutomation } from '@tessera/engine';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../engine/test/dialects.js';
import { object, set, text } from '../engine/test/documents.js';
import { serveForTest, type TestApi, TOKEN } from '../runtime/test/server.js';

const DOCS = set(
  object('ticket', {
    severity: {
      type: 'string',
      enum: ['high', 'low'],
      'x-tessera': { field: 'picklist', options: [{ value: 'high' }, { value: 'low' }] },
    },
    note: text(),
  }),
);

const NOTIFY: EngineAutomation = {
  kind: 'automation',
  apiName: 'notify_high',
  label: { en: 'Notify on high tickets' },
  object: 'ticket',
  active: true,
  trigger: { on: ['create'], when: 'ISPICKVAL(severity, "high")' },
  actions: [{ type: 'notify', to: [{ owner: true }], message: { en: 'High ticket {!name}' } }],
};

describeEachDialect('typed client: automations', (env) => {
  let api: TestApi | undefined;
  const start = async () => {
    const ws = await env.open();
    await ws.deploy(DOCS);
    await ws.users.create(
      { email: 'admin@example.com', name: 'Admin', password: 'correct horse battery', admin: true },
      ws.model.documents,
    );
    api = await serveForTest(ws);
    const client = createClient<
      Record<string, { record: Record<string, unknown>; create: object; update: object }>
    >({ baseUrl: api.server.url, token: TOKEN });
    return { ws, api, client };
  };
  afterEach(async () => {
    await api?.server.close().catch(() => {});
    api = undefined;
  });

  it('reads and changes automations under /meta/automations; a dry run changes nothing', async () => {
    const { client } = await start();
    const automations = client.metadata<EngineAutomation>('automations');
    expect(await automations.list()).toEqual([]);

    const planned = await automations.put(NOTIFY, { dryRun: true });
    expect(planned.meta.applied).toBe(false);
    expect(await automations.list()).toEqual([]);

    const made = await automations.put(NOTIFY);
    expect(made).toMatchObject({ data: NOTIFY, meta: { applied: true } });
    expect(await automations.get('notify_high')).toEqual(NOTIFY);
    const off = await automations.put({ ...NOTIFY, active: false });
    expect(off.meta.version).toBeGreaterThan(made.meta.version);
    expect((await automations.list()).map((a) => [a.apiName, a.active])).toEqual([['notify_high', false]]);

    expect((await automations.delete('notify_high', { dryRun: true })).meta.applied).toBe(false);
    expect(await automations.list()).toHaveLength(1);
    await automations.delete('notify_high');
    await expect(automations.get('notify_high')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a bad automation with each problem’s pointer and code, changing nothing', async () => {
    const { client } = await start();
    const automations = client.metadata<EngineAutomation>('automations');
    const problems = async (doc: EngineAutomation) => {
      const refusal = await automations.put(doc).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(TesseraApiError);
      const { problem } = refusal as TesseraApiError;
      expect([problem.status, problem.code]).toEqual([422, 'invalid_documents']);
      return (problem.errors ?? []).map((e) => `${e.pointer} ${e.code}`);
    };
    // A shape that is wrong, then a condition that is not true or false: each named where it is.
    expect(
      await problems({
        ...NOTIFY,
        actions: [{ type: 'webhook', url: 'https://example.com/h', secret: 'short' }],
      }),
    ).toEqual([expect.stringMatching(/^\/automation:notify_high\/actions\/0\/secret /)]);
    expect(await problems({ ...NOTIFY, trigger: { on: ['create'], when: 'LEN(note)' } })).toEqual([
      '/automation:notify_high/trigger/when formula_type',
    ]);
    expect(await automations.list()).toEqual([]);
    await expect(automations.get('no_such_automation')).rejects.toMatchObject({ status: 404 });
  });

  it('is refused without a token, and with a wrong one', async () => {
    const { api } = await start();
    const anonymous = createClient({ baseUrl: api.server.url });
    await expect(anonymous.metadata('automations').list()).rejects.toMatchObject({ status: 401 });
    await expect(anonymous.notifications.list()).rejects.toMatchObject({ status: 401 });
    const wrong = createClient({ baseUrl: api.server.url, token: 'not-the-token' });
    await expect(wrong.automationRuns.list()).rejects.toMatchObject({ status: 401 });
  });

  it('lists runs, opens one with its jobs, retries nothing that did not fail, and reads notifications', async () => {
    const { client } = await start();
    await client.metadata<EngineAutomation>('automations').put(NOTIFY);
    const tickets = client.data('ticket');
    const low = await tickets.create({ name: 'Printer', severity: 'low' });
    const high = await tickets.create({ name: 'Server down', severity: 'high' });

    const runs = await client.automationRuns.list({ automation: 'notify_high' });
    expect(runs.data.map((r) => r.recordId)).toEqual([high.id]);
    expect(runs.data.map((r) => r.recordId)).not.toContain(low.id);
    expect(runs.page.nextCursor).toBeNull();
    const [run] = runs.data;
    if (!run) throw new Error('no run');
    expect(run).toMatchObject({ automation: 'notify_high', object: 'ticket', trigger: 'create' });
    expect((await client.automationRuns.list({ record: low.id as string })).data).toEqual([]);
    await expect(client.automationRuns.list({ record: 'not-an-id' })).rejects.toMatchObject({ status: 400 });

    // The worker delivers the notification after the write: the run is done, its job with one good attempt.
    await expect.poll(async () => (await client.automationRuns.get(run.id)).status).toBe('done');
    const detail = await client.automationRuns.get(run.id);
    expect(detail.jobs).toHaveLength(1);
    expect(detail.jobs[0]).toMatchObject({ type: 'notify', status: 'done', attempts: 1 });
    expect(detail.jobs[0]?.history.map((a) => a.outcome)).toEqual(['ok']);
    await expect(client.automationRuns.retry(run.id)).rejects.toBeInstanceOf(TesseraApiError);

    const inbox = await client.notifications.list();
    expect(inbox.unread).toBe(1);
    // Titled by the automation's label (the action gives no title), the message merged with the record's name.
    expect(inbox.data.map((n) => [n.title, n.body, n.object, n.recordId, n.read])).toEqual([
      ['Notify on high tickets', 'High ticket Server down', 'ticket', high.id, false],
    ]);
    const read = await client.notifications.read(inbox.data[0]?.id as string);
    expect(read.read).toBe(true);
    expect((await client.notifications.list({ unread: true })).data).toEqual([]);
    expect(await client.notifications.readAll()).toBe(0);
  });
});
