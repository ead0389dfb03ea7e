/**
 * Run history and notifications over HTTP. Runs are recorded as the automation module records them (in a
 * storage transaction, with `recordRuns`); a worker under a test clock carries out their jobs against a real
 * receiver in this process.
 */
import {
  type DocumentSet,
  JobWorker,
  notifyExecutor,
  type RunInput,
  recordRuns,
  type Workspace,
  webhookExecutor,
} from '@tessera/engine';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { type Receiver, startReceiver } from '../../engine/test/webhook-receiver.js';
import { serveForTest, type TestApi, type TestResponse } from '../test/server.js';

const PASSWORD = 'correct horse battery';
const DOCS: DocumentSet = {
  objects: [object('account', { notes: text() }), object('secret_thing', {})],
  roles: [{ kind: 'role', apiName: 'rep' }],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'sales',
      objects: { account: { read: true, create: true, edit: true } },
    },
    { kind: 'permission_set', apiName: 'viewer', objects: { account: { read: true, viewAll: true } } },
  ],
};

type Caller = (method: string, path: string, body?: unknown) => Promise<TestResponse>;

describeEachDialect('automation runs and notifications over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  let receiver: Receiver;
  let answers: number[] = [];
  const users: Record<string, { id: string; call: Caller }> = {};
  const user = (name: string) => users[name] as { id: string; call: Caller };
  /** Real time, moved forward by the test: retries come due without waiting. */
  let now = Date.now();
  const clock = { now: () => now };
  const worker = () =>
    new JobWorker(ws.storage, {
      clock,
      executors: [
        ['webhook', webhookExecutor({ allowPrivate: true })],
        ['notify', notifyExecutor()],
      ],
    });

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    api = await serveForTest(ws, undefined, undefined, { jobs: false });
    receiver = await startReceiver(() => answers.shift() ?? 200);
    for (const [name, extra] of [
      ['ana', { role: 'rep', permissionSets: ['sales'] }],
      ['bo', { role: 'rep', permissionSets: ['sales'] }],
      ['vic', { permissionSets: ['viewer'] }],
      ['nobody', {}],
    ] as const) {
      const made = await api.call('POST', '/api/v1/users', {
        email: `${name}@example.com`,
        name,
        password: PASSWORD,
        ...extra,
      });
      expect(made.status).toBe(201);
      const token = (await api.call('POST', '/api/v1/tokens', { name, userId: made.body.data.id })).body.data
        .token;
      users[name] = {
        id: made.body.data.id,
        call: (method, path, body) =>
          api.call(method, `/api/v1${path}`, body, { authorization: `Bearer ${token}` }),
      };
    }
  });
  afterAll(async () => {
    await api.server.close();
    await receiver.close();
  });
  afterEach(() => {
    answers = [];
  });

  const account = async (owner: string, name: string) => {
    const res = await user(owner).call('POST', '/data/account', { name });
    expect(res?.status).toBe(201);
    return res?.body.data.id as string;
  };
  const record = async (runs: RunInput[]) =>
    ws.storage.transaction((trx) => recordRuns(trx, ws.storage.dialect, runs, now));
  const webhookRun = (recordId: string, automation = 'tell_erp', url = receiver.url): RunInput => ({
    automation,
    object: 'account',
    recordId,
    trigger: 'create',
    depth: 0,
    actor: null,
    inTransaction: [{ index: 0, type: 'update_record' }],
    jobs: [
      {
        actionIndex: 1,
        type: 'webhook',
        payload: {
          url,
          secret: 'a-secret-of-at-least-16',
          body: {
            event: 'record.created',
            object: 'account',
            record: { id: recordId },
            previous: null,
            automation,
            occurredAt: new Date(now).toISOString(),
          },
        },
      },
    ],
  });

  it('shows a run with its actions, jobs and every attempt, the delivery id the same on each', async () => {
    const id = await account('ana', 'Acme');
    answers = [500, 500, 200];
    const [run] = await record([webhookRun(id)]);
    const w = worker();
    await w.runDue();
    now += 10_000;
    await w.runDue();
    now += 60_000;
    await w.runDue();
    const res = await api.call('GET', `/api/v1/automation-runs/${run?.runId}`);
    expect(res.status).toBe(200);
    const delivery = run?.jobIds[0];
    expect(res.body.data).toMatchObject({
      id: run?.runId,
      automation: 'tell_erp',
      object: 'account',
      recordId: id,
      trigger: 'create',
      status: 'done',
      attempts: 3,
      actions: [
        { index: 0, type: 'update_record', status: 'done' },
        { index: 1, type: 'webhook', status: 'done', deliveryId: delivery, attempts: 3 },
      ],
      jobs: [{ id: delivery, type: 'webhook', status: 'done', attempts: 3 }],
    });
    expect(res.body.data.durationMs).toBe(70_000);
    expect(
      res.body.data.jobs[0].history.map((a: { attempt: number; outcome: string }) => [a.attempt, a.outcome]),
    ).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'ok'],
    ]);
    expect(res.body.data.jobs[0].history[0].detail).toBe('HTTP 500: failed 500');
    expect(JSON.stringify(res.body.data)).not.toContain('a-secret-of-at-least-16');
    expect(receiver.deliveries.slice(-3).map((d) => d.headers['tessera-delivery'])).toEqual([
      delivery,
      delivery,
      delivery,
    ]);
  });

  it('lists runs newest first, filters them, puts failures first on request and pages', async () => {
    const id = await account('ana', 'Filtered');
    const [ok] = await record([webhookRun(id, 'list_ok')]);
    const [refused] = await record([
      { ...webhookRun(id, 'list_refused'), failed: 'automation chain deeper than 5 (a → b → c → d → e → f)' },
    ]);
    const [later] = await record([webhookRun(id, 'list_ok')]);
    await worker().runDue();
    const list = async (query: string) => {
      const res = await api.call('GET', `/api/v1/automation-runs?${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect((await list(`record=${id}`)).data.map((r: { id: string }) => r.id)).toEqual([
      later?.runId,
      refused?.runId,
      ok?.runId,
    ]);
    expect((await list(`record=${id}&failuresFirst=true`)).data.map((r: { id: string }) => r.id)).toEqual([
      refused?.runId,
      later?.runId,
      ok?.runId,
    ]);
    expect((await list('automation=list_ok&status=done')).data).toHaveLength(2);
    expect((await list('status=failed&object=account')).data).toMatchObject([
      { id: refused?.runId, error: 'automation chain deeper than 5 (a → b → c → d → e → f)', actions: [] },
    ]);
    const first = await list(`record=${id}&failuresFirst=true&limit=2`);
    expect(first.data).toHaveLength(2);
    const second = await list(`record=${id}&failuresFirst=true&limit=2&cursor=${first.page.nextCursor}`);
    expect(second.data.map((r: { id: string }) => r.id)).toEqual([ok?.runId]);
    expect(second.page.nextCursor).toBeNull();
  });

  it('refuses bad list parameters with a code naming each', async () => {
    for (const [query, code] of [
      ['status=broken', 'bad_parameter'],
      ['record=42', 'bad_parameter'],
      ['failuresFirst=yes', 'bad_parameter'],
      ['limit=0', 'bad_limit'],
      ['limit=201', 'bad_limit'],
      ['colour=red', 'unknown_parameter'],
      ['cursor=bm9wZQ', 'invalid_query'],
    ])
      expect([query, (await api.call('GET', `/api/v1/automation-runs?${query}`)).body.code]).toEqual([
        query,
        code,
      ]);
    expect((await api.call('GET', '/api/v1/automation-runs/not-a-uuid')).status).toBe(404);
    expect(
      (await api.call('GET', '/api/v1/automation-runs/0190f1c6-0000-7000-8000-00000000beef')).body.code,
    ).toBe('unknown_automation_run');
  });

  it('shows a user only the runs of records they can read', async () => {
    const anas = await account('ana', 'Ana’s');
    const bos = await account('bo', 'Bo’s');
    const [anaRun] = await record([webhookRun(anas, 'visibility')]);
    const [boRun] = await record([webhookRun(bos, 'visibility')]);
    const [hidden] = await record([{ ...webhookRun(anas, 'visibility'), object: 'secret_thing' }]);
    const seen = async (who: string) =>
      (
        (await user(who).call('GET', '/automation-runs?automation=visibility')).body.data as {
          id: string;
        }[]
      ).map((r) => r.id);
    expect(await seen('ana')).toEqual([anaRun?.runId]);
    expect(await seen('bo')).toEqual([boRun?.runId]);
    expect(await seen('nobody')).toEqual([]);
    expect((await api.call('GET', '/api/v1/automation-runs?automation=visibility')).body.data).toHaveLength(
      3,
    );
    expect((await user('ana').call('GET', `/automation-runs/${boRun?.runId}`)).body.code).toBe(
      'unknown_automation_run',
    );
    expect((await user('ana').call('GET', `/automation-runs/${hidden?.runId}`)).status).toBe(404);
    expect((await user('ana').call('GET', `/automation-runs/${anaRun?.runId}`)).status).toBe(200);
  });

  it('retries a dead run on request: admins and those who edit the object; nothing dead is a 409', async () => {
    const id = await account('ana', 'Retry me');
    const [run] = await record([webhookRun(id, 'retry_me', 'http://[::1]:9/nowhere')]);
    await new JobWorker(ws.storage, {
      clock,
      executors: [['webhook', webhookExecutor({ allowPrivate: false })]],
    }).runDue();
    const dead = await api.call('GET', `/api/v1/automation-runs/${run?.runId}`);
    expect(dead.body.data).toMatchObject({
      status: 'dead',
      error: expect.stringMatching(/^refused to send to/),
    });
    expect((await user('vic').call('POST', `/automation-runs/${run?.runId}/retry`)).body.code).toBe(
      'forbidden',
    );
    expect((await user('bo').call('POST', `/automation-runs/${run?.runId}/retry`)).status).toBe(404);
    const retried = await user('ana').call('POST', `/automation-runs/${run?.runId}/retry`);
    expect(retried?.status).toBe(200);
    expect(retried?.body.data).toMatchObject({
      status: 'pending',
      jobs: [{ status: 'pending', attempts: 1, maxAttempts: 8 }],
    });
    const again = await api.call('POST', `/api/v1/automation-runs/${run?.runId}/retry`);
    expect([again.status, again.body.code]).toEqual([409, 'nothing_to_retry']);
  });

  it('gives each user their own notifications, unread count, and marks them read', async () => {
    const id = await account('ana', 'Notify');
    const notify = (recipients: string[]): RunInput => ({
      automation: 'tell_owner',
      object: 'account',
      recordId: id,
      trigger: 'create',
      depth: 0,
      actor: null,
      jobs: [
        {
          actionIndex: 0,
          type: 'notify',
          payload: {
            recipients,
            title: { en: 'New account' },
            message: { en: 'Notify was created', 'zh-CN': '已创建' },
          },
        },
      ],
    });
    await record([notify([user('ana').id]), notify([user('ana').id, user('bo').id])]);
    await worker().runDue();
    const anas = await user('ana').call('GET', '/notifications');
    expect(anas?.body).toMatchObject({ unread: 2, page: { nextCursor: null } });
    expect(anas?.body.data).toMatchObject([
      { title: 'New account', body: 'Notify was created', object: 'account', recordId: id, read: false },
      { title: 'New account', read: false },
    ]);
    const bos = await user('bo').call('GET', '/notifications');
    expect(bos?.body.unread).toBe(1);
    const boId = bos?.body.data[0].id;
    expect((await user('ana').call('POST', `/notifications/${boId}/read`)).body.code).toBe(
      'unknown_notification',
    );
    expect((await user('ana').call('POST', '/notifications/nope/read')).status).toBe(404);
    const read = await user('ana').call('POST', `/notifications/${anas?.body.data[0].id}/read`);
    expect(read?.body.data).toMatchObject({ read: true });
    expect((await user('ana').call('GET', '/notifications?unread=true')).body.data).toHaveLength(1);
    const paged = await user('ana').call('GET', '/notifications?limit=1');
    expect(paged?.body.page.nextCursor).toBe(paged?.body.data[0].id);
    expect((await user('ana').call('POST', '/notifications/read-all')).body.data).toEqual({ marked: 1 });
    expect((await user('ana').call('GET', '/notifications')).body.unread).toBe(0);
    expect((await user('bo').call('GET', '/notifications')).body.unread).toBe(1);
    for (const [query, code] of [
      ['limit=500', 'bad_limit'],
      ['cursor=x', 'bad_cursor'],
      ['unread=maybe', 'bad_parameter'],
      ['sort=name', 'unknown_parameter'],
    ])
      expect([query, (await user('ana').call('GET', `/notifications?${query}`)).body.code]).toEqual([
        query,
        code,
      ]);
  });
});

describeEachDialect('the server runs a job worker per workspace', (env) => {
  it('delivers what a write queued, without anyone calling the worker, and stops it on close', async () => {
    const ws = await env.open();
    const receiver = await startReceiver();
    const api = await serveForTest(ws, undefined, undefined, {
      jobs: { env: { TESSERA_WEBHOOK_ALLOW_PRIVATE: '1' } },
    });
    try {
      const [run] = await ws.storage.transaction((trx) =>
        recordRuns(
          trx,
          ws.storage.dialect,
          [
            {
              automation: 'tell_erp',
              object: 'account',
              recordId: null,
              trigger: 'schedule',
              depth: 0,
              actor: null,
              jobs: [
                {
                  actionIndex: 0,
                  type: 'webhook',
                  payload: {
                    url: receiver.url,
                    secret: 'a-secret-of-at-least-16',
                    body: { event: 'record.updated' },
                  },
                },
              ],
            },
          ],
          Date.now(),
        ),
      );
      await expect
        .poll(() => receiver.deliveries.map((d) => d.body.id), { timeout: 5000 })
        .toEqual(run?.jobIds);
      await expect
        .poll(async () => (await api.call('GET', `/api/v1/automation-runs/${run?.runId}`)).body.data.status, {
          timeout: 5000,
        })
        .toBe('done');
    } finally {
      await api.server.close();
      await receiver.close();
    }
  });
});
