/**
 * Record-triggered automations over HTTP: which writes trigger them, their changes to the record inside the
 * write, what they queue, and the guarantees (once per record per transaction, chains stop at 5, a rolled-back
 * write queues nothing). The queue's worker runs on a test clock, never by waiting.
 */
import type { DocumentSet, PropertyDocument, Workspace } from '@tessera/engine';
import { afterEach, expect, it } from 'vitest';
import { JOBS, NOTIFICATIONS } from '../../engine/src/queue/queue-tables.js';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object } from '../../engine/test/documents.js';
import { startReceiver } from '../../engine/test/webhook-receiver.js';
import {
  automationWorker,
  putAutomation,
  runsOf as runsOfAutomation,
  testClock,
} from '../test/automation-harness.js';
import { serveForTest, type TestApi } from '../test/server.js';

const picklist = (values: string[], fallback: string): PropertyDocument => ({
  type: 'string',
  enum: values,
  default: fallback,
  'x-tessera': { field: 'picklist', options: values.map((value) => ({ value, label: { en: value } })) },
});
const text = (maxLength = 120): PropertyDocument => ({
  type: 'string',
  maxLength,
  'x-tessera': { field: 'text' },
});
const integer: PropertyDocument = { type: 'integer', 'x-tessera': { field: 'integer' } };
const date: PropertyDocument = { type: 'string', format: 'date', 'x-tessera': { field: 'date' } };
const lookup = (target: string): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field: 'lookup', target },
});

const user: PropertyDocument = { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' } };

const unique = (): PropertyDocument => ({ ...text(), 'x-tessera': { field: 'text', unique: true } });

const DOCUMENTS: DocumentSet = {
  objects: [
    object('account', { region: text(), last_request: text(), engineer: user }),
    object('request', {
      priority: picklist(['low', 'urgent'], 'low'),
      status: picklist(['new', 'dispatched', 'closed'], 'new'),
      due_date: date,
      counter: integer,
      note: text(),
      code: text(10),
      account_id: lookup('account'),
    }),
    object('task', { request_id: lookup('request'), due: date }),
    object('link', { step: integer }),
    object('partner', { name: unique(), region: unique() }),
  ],
};

describeEachDialect('automations over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  const open = async () => {
    ws = await env.open();
    await ws.deploy(DOCUMENTS);
    api = await serveForTest(ws, undefined, undefined, { jobs: false });
  };
  afterEach(() => api?.server.close());
  const runsOf = (automation: string) => runsOfAutomation(api, automation);
  const create = async (objectName: string, body: unknown) => {
    const res = await api.call('POST', `/api/v1/data/${objectName}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data;
  };
  const ok = (res: { status: number; body: unknown }, status = 201) =>
    expect(res.status, JSON.stringify(res.body)).toBe(status);

  it('a create that matches `when` is changed before it is saved; one that does not is left alone', async () => {
    await open();
    ok(
      await putAutomation(
        api,
        'dispatch_urgent',
        'request',
        { on: ['create'], when: "ISPICKVAL(priority, 'urgent')" },
        [
          {
            type: 'update_record',
            set: [
              { field: 'status', value: 'dispatched' },
              { field: 'due_date', formula: 'DATE(2030, 1, 1) + counter' },
            ],
          },
        ],
      ),
    );
    const urgent = await create('request', { name: 'Pump down', priority: 'urgent', counter: 2 });
    expect(urgent).toMatchObject({ status: 'dispatched', due_date: '2030-01-03' });
    const low = await create('request', { name: 'Squeak', priority: 'low' });
    expect(low).toMatchObject({ status: 'new', due_date: null });
    expect((await api.call('GET', `/api/v1/data/request/${urgent.id}`)).body.data.status).toBe('dispatched');
    // An update is not a create.
    ok(await api.call('PATCH', `/api/v1/data/request/${low.id}`, { priority: 'urgent' }), 200);
    expect((await api.call('GET', `/api/v1/data/request/${low.id}`)).body.data.status).toBe('new');
    const runs = await runsOf('dispatch_urgent');
    expect(runs.map((r) => [r.recordId, r.trigger, r.status])).toEqual([[urgent.id, 'create', 'done']]);
    expect(runs[0]?.actions).toEqual([{ index: 0, type: 'update_record', status: 'done' }]);
  });

  it('changedFields, ISCHANGED and PRIORVALUE see what the update changed', async () => {
    await open();
    ok(
      await putAutomation(
        api,
        'escalated',
        'request',
        {
          on: ['update'],
          changedFields: ['priority'],
          when: "AND(ISCHANGED(priority), ISPICKVAL(PRIORVALUE(priority), 'low'))",
        },
        [
          {
            type: 'update_record',
            set: [
              { field: 'note', formula: '"was " & TEXT(PRIORVALUE(priority)) & ", " & PRIORVALUE(name)' },
            ],
          },
        ],
      ),
    );
    const r = await create('request', { name: 'Leak', priority: 'low' });
    expect(r.note).toBeNull();
    const path = `/api/v1/data/request/${r.id}`;
    // Another field changed: not triggered.
    ok(await api.call('PATCH', path, { name: 'Big leak' }), 200);
    expect((await api.call('GET', path)).body.data.note).toBeNull();
    // The same value again: priority is not changed.
    ok(await api.call('PATCH', path, { priority: 'low', name: 'Bigger leak' }), 200);
    expect((await api.call('GET', path)).body.data.note).toBeNull();
    const escalated = await api.call('PATCH', path, { priority: 'urgent', name: 'Flood' });
    ok(escalated, 200);
    expect(escalated.body.data.note).toBe('was low, Bigger leak');
    // urgent → low changes priority, but PRIORVALUE is not low.
    const lowered = await api.call('PATCH', path, { priority: 'low', note: 'kept' });
    expect(lowered.body.data.note).toBe('kept');
    expect((await runsOf('escalated')).length).toBe(1);
  });

  it('a before-save change that makes the record invalid refuses the write with 422 naming the automation, and nothing is written', async () => {
    await open();
    ok(
      await putAutomation(api, 'long_code', 'request', { on: ['create', 'update'], when: 'counter > 5' }, [
        { type: 'update_record', set: [{ field: 'code', formula: 'name & name & name' }] },
        { type: 'webhook', url: 'http://127.0.0.1:9/never', secret: 'a-secret-of-sixteen-chars' },
      ]),
    );
    const refused = await api.call('POST', '/api/v1/data/request', { name: 'Overflow', counter: 6 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'code',
        code: 'maxLength',
        message: expect.stringContaining('long_code'),
      }),
    ]);
    const list = await api.call('GET', '/api/v1/data/request?count=true');
    expect(list.body.page.total).toBe(0);
    expect(await runsOf('long_code')).toEqual([]);
    expect(await ws.storage.db.selectFrom(JOBS).select('id').execute()).toEqual([]);
    // Below the condition the same write goes through untouched.
    expect((await create('request', { name: 'Overflow', counter: 5 })).code).toBeNull();
  });

  it('an automation that updates its own record runs once per write', async () => {
    await open();
    ok(
      await putAutomation(api, 'count_writes', 'request', { on: ['create', 'update'] }, [
        { type: 'update_record', set: [{ field: 'counter', formula: 'BLANKVALUE(counter, 0) + 1' }] },
        { type: 'update_record', path: 'account_id', set: [{ field: 'last_request', formula: 'name' }] },
      ]),
    );
    const clock = testClock();
    const worker = automationWorker(ws, clock);
    const account = await create('account', { name: 'Acme' });
    const r = await create('request', { name: 'First', account_id: account.id });
    expect(r.counter).toBe(1);
    const updated = await api.call('PATCH', `/api/v1/data/request/${r.id}`, { note: 'x' });
    expect(updated.body.data.counter).toBe(2);
    await worker.runDue();
    expect((await api.call('GET', `/api/v1/data/account/${account.id}`)).body.data.last_request).toBe(
      'First',
    );
    expect((await api.call('GET', `/api/v1/data/request/${r.id}`)).body.data.counter).toBe(2);
    const runs = await runsOf('count_writes');
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ['create', 'done'],
      ['update', 'done'],
    ]);
  });

  it('a chain of six automations stops at the sixth with a clear error in the run history', async () => {
    await open();
    for (let step = 0; step < 6; step++)
      ok(
        await putAutomation(api, `link_${step + 1}`, 'link', { on: ['create'], when: `step = ${step}` }, [
          {
            type: 'create_record',
            object: 'link',
            set: [
              { field: 'name', formula: `"step ${step + 1}"` },
              { field: 'step', value: step + 1 },
            ],
          },
        ]),
      );
    const clock = testClock();
    const worker = automationWorker(ws, clock);
    await create('link', { name: 'start', step: 0 });
    await worker.runDue();
    const steps = (await api.call('GET', '/api/v1/data/link?sort=step')).body.data.map(
      (l: { step: number }) => l.step,
    );
    expect(steps).toEqual([0, 1, 2, 3, 4, 5]);
    for (let n = 1; n <= 5; n++)
      expect((await runsOf(`link_${n}`)).map((r) => [r.status, r.depth])).toEqual([['done', n - 1]]);
    const [last] = await runsOf('link_6');
    expect(last).toMatchObject({
      status: 'failed',
      depth: 5,
      error: 'automation chain deeper than 5 (link_1 → link_2 → link_3 → link_4 → link_5 → link_6)',
    });
    expect(await ws.storage.db.selectFrom(JOBS).select('id').where('status', '!=', 'done').execute()).toEqual(
      [],
    );
  });

  it('a write that rolls back queues nothing; a committed one delivers its webhook once', async () => {
    await open();
    const receiver = await startReceiver();
    try {
      ok(
        await putAutomation(api, 'tell_erp', 'partner', { on: ['create', 'update'] }, [
          { type: 'webhook', url: receiver.url, secret: 'a-secret-of-sixteen-chars' },
        ]),
      );
      const existing = await create('partner', { name: 'Old', region: 'north' });
      const clock = testClock();
      const worker = automationWorker(ws, clock);
      await worker.runDue();
      expect(receiver.deliveries.map((d) => d.body.event)).toEqual(['record.created']);
      // The create is written and recorded first; the update after it breaks the unique region: all rolls back.
      const bulk = await api.call('POST', '/api/v1/data/partner/bulk', {
        operation: 'upsert',
        upsertKey: 'name',
        records: [
          { name: 'New', region: 'south' },
          { name: 'Old', region: 'south' },
        ],
      });
      expect(bulk.status).toBe(409);
      expect((await api.call('GET', '/api/v1/data/partner?count=true')).body.page.total).toBe(1);
      await worker.runDue();
      expect(receiver.deliveries).toHaveLength(1);
      expect((await runsOf('tell_erp')).length).toBe(1);
      ok(await api.call('PATCH', `/api/v1/data/partner/${existing.id}`, { region: 'east' }), 200);
      await worker.runDue();
      const [created, updated] = receiver.deliveries;
      expect(updated?.body).toMatchObject({
        event: 'record.updated',
        object: 'partner',
        automation: 'tell_erp',
        record: { id: existing.id, region: 'east' },
        previous: { id: existing.id, region: 'north' },
      });
      expect(updated?.headers['tessera-delivery']).toBe(updated?.body.id);
      expect(created?.body.id).not.toBe(updated?.body.id);
    } finally {
      await receiver.close();
    }
  });

  it("assigns the owner from a user field through a lookup path and notifies that field's user", async () => {
    await open();
    const tech = await api.call('POST', '/api/v1/users', { email: 'eng@example.com', name: 'Eng' });
    ok(tech);
    const engineer = tech.body.data.id as string;
    ok(
      await putAutomation(api, 'to_engineer', 'request', { on: ['create'] }, [
        { type: 'assign', field: 'account_id.engineer' },
        { type: 'notify', to: [{ field: 'account_id.engineer' }], message: { en: 'Yours: {!name}' } },
      ]),
    );
    const covered = await create('account', { name: 'Covered', engineer });
    const uncovered = await create('account', { name: 'Uncovered' });
    const mine = await create('request', { name: 'R-eng', account_id: covered.id });
    // Assigned inside the write: the answer already shows the engineer as the owner.
    expect(mine.owner_id).toBe(engineer);
    // No engineer on the account: the owner stays whoever wrote it.
    const other = await create('request', { name: 'R-none', account_id: uncovered.id });
    expect(other.owner_id).not.toBe(engineer);
    expect(other.owner_id).toBe(mine.created_by);
    await automationWorker(ws, testClock()).runDue();
    const notes = await ws.storage.db.selectFrom(NOTIFICATIONS).select(['user_id', 'body']).execute();
    expect(notes.map((n) => [n.user_id, JSON.parse(String(n.body)).en])).toEqual([
      [engineer, 'Yours: R-eng'],
    ]);
    // A deactivated engineer is not given new records: the write fails naming the automation.
    ok(await api.call('PATCH', `/api/v1/users/${engineer}`, { active: false }), 200);
    const refused = await api.call('POST', '/api/v1/data/request', {
      name: 'R-late',
      account_id: covered.id,
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.errors)).toContain('to_engineer');
    const listed = await api.call('GET', '/api/v1/data/request?filter={"name":{"eq":"R-late"}}');
    expect(listed.body.data).toEqual([]);
  });

  it('assigns round-robin over the active users of a role and notifies the owner and a user by e-mail, merged per language', async () => {
    await open();
    ok(await api.call('PUT', '/api/v1/meta/roles/dispatcher', { kind: 'role', apiName: 'dispatcher' }), 201);
    const users: Record<string, string> = {};
    for (const [name, role] of [
      ['d1', 'dispatcher'],
      ['d2', 'dispatcher'],
      ['d3', 'dispatcher'],
      ['boss', null],
    ] as const) {
      const made = await api.call('POST', '/api/v1/users', { email: `${name}@example.com`, name, role });
      ok(made);
      users[name] = made.body.data.id;
    }
    ok(await api.call('PATCH', `/api/v1/users/${users.d3}`, { active: false }), 200);
    ok(
      await putAutomation(api, 'dispatch', 'request', { on: ['create'] }, [
        { type: 'assign', roundRobin: { role: 'dispatcher' } },
        {
          type: 'notify',
          to: [{ owner: true }, { user: 'BOSS@example.com' }],
          message: { en: 'New request {!name} ({!priority}) at {!counter}', 'zh-CN': '新报修 {!name}' },
        },
        // The account follows its latest request's dispatcher: an owner given after commit, by the queue.
        { type: 'update_record', path: 'account_id', set: [{ field: 'owner_id', formula: 'owner_id' }] },
      ]),
    );
    const account = await create('account', { name: 'Acme' });
    const worker = automationWorker(ws, testClock());
    const owners = [];
    for (const name of ['R1', 'R2', 'R3']) {
      owners.push((await create('request', { name, account_id: account.id })).owner_id);
      await worker.runDue();
      expect((await api.call('GET', `/api/v1/data/account/${account.id}`)).body.data.owner_id).toBe(
        owners.at(-1),
      );
    }
    expect(owners).toEqual([users.d1, users.d2, users.d1]);
    const notes = await ws.storage.db
      .selectFrom(NOTIFICATIONS)
      .select(['user_id', 'body', 'title'])
      .orderBy('created_at')
      .orderBy('body')
      .execute();
    // Rows keep every language; a reader sees theirs (GET /notifications).
    const of = (user: string) =>
      notes.filter((n) => n.user_id === user).map((n) => JSON.parse(String(n.body)).en as string);
    expect(of(users.d1 as string).sort()).toEqual(['New request R1 (low) at ', 'New request R3 (low) at ']);
    expect(of(users.d2 as string)).toEqual(['New request R2 (low) at ']);
    expect(of(users.boss as string).sort()).toEqual([
      'New request R1 (low) at ',
      'New request R2 (low) at ',
      'New request R3 (low) at ',
    ]);
    expect(notes.every((n) => JSON.parse(String(n.title)).en === 'dispatch')).toBe(true);
    expect(new Set(notes.map((n) => JSON.parse(String(n.body))['zh-CN']))).toEqual(
      new Set(['新报修 R1', '新报修 R2', '新报修 R3']),
    );
    const [job] = await ws.storage.db
      .selectFrom(JOBS)
      .select('payload')
      .where('type', '=', 'notify')
      .limit(1)
      .execute();
    expect(JSON.parse(job?.payload as string).message['zh-CN']).toMatch(/^新报修 R\d$/);
  });

  it('a delete sends the deleted record as `previous`, judged by `when` as it was', async () => {
    await open();
    const receiver = await startReceiver();
    try {
      ok(
        await putAutomation(api, 'gone', 'request', { on: ['delete'], when: "ISPICKVAL(status, 'closed')" }, [
          { type: 'webhook', url: receiver.url, secret: 'a-secret-of-sixteen-chars' },
        ]),
      );
      const open1 = await create('request', { name: 'Open' });
      const closed = await create('request', { name: 'Closed', status: 'closed' });
      for (const r of [open1, closed]) ok(await api.call('DELETE', `/api/v1/data/request/${r.id}`), 204);
      await automationWorker(ws, testClock()).runDue();
      expect(receiver.deliveries.map((d) => d.body)).toEqual([
        expect.objectContaining({
          event: 'record.deleted',
          record: null,
          previous: expect.objectContaining({ id: closed.id, name: 'Closed' }),
        }),
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('a queued write the record API refuses is dead at once, its error naming the problem, and writes nothing', async () => {
    await open();
    ok(
      await putAutomation(api, 'follow_up', 'request', { on: ['create'] }, [
        {
          type: 'create_record',
          object: 'task',
          set: [
            { field: 'name', formula: 'note' },
            { field: 'request_id', formula: 'id' },
          ],
        },
      ]),
    );
    const clock = testClock();
    const worker = automationWorker(ws, clock);
    const good = await create('request', { name: 'With note', note: 'Call back' });
    await create('request', { name: 'Without note' });
    await worker.runDue();
    const tasks = (await api.call('GET', '/api/v1/data/task')).body.data;
    expect(tasks.map((t: { name: string; request_id: string }) => [t.name, t.request_id])).toEqual([
      ['Call back', good.id],
    ]);
    const jobs = await ws.storage.db
      .selectFrom(JOBS)
      .select(['status', 'attempts', 'last_error'])
      .orderBy('created_at')
      .execute();
    expect(jobs).toEqual([
      { status: 'done', attempts: 1, last_error: null },
      { status: 'dead', attempts: 1, last_error: expect.stringMatching(/task record is not valid.*\/name/) },
    ]);
    expect((await runsOf('follow_up')).map((r) => r.status)).toEqual(['done', 'dead']);
  });

  it("a queued create with an owner runs the new record's create and owner-change automations once each, one step deeper", async () => {
    await open();
    const user = await api.call('POST', '/api/v1/users', { email: 'tech@example.com', name: 'Tech' });
    ok(user);
    const receiver = await startReceiver();
    try {
      const hook = { type: 'webhook', url: receiver.url, secret: 'a-secret-of-sixteen-chars' };
      ok(
        await putAutomation(api, 'spawn', 'request', { on: ['create'] }, [
          {
            type: 'create_record',
            object: 'task',
            set: [
              { field: 'name', formula: '"Visit " & name' },
              { field: 'request_id', formula: 'id' },
              { field: 'owner_id', value: user.body.data.id },
            ],
          },
        ]),
      );
      ok(await putAutomation(api, 'task_new', 'task', { on: ['create'] }, [hook]));
      ok(
        await putAutomation(api, 'task_owned', 'task', { on: ['update'], changedFields: ['owner_id'] }, [
          hook,
        ]),
      );
      const request = await create('request', { name: 'Boiler' });
      const worker = automationWorker(ws, testClock());
      await worker.runDue();
      const [task] = (await api.call('GET', '/api/v1/data/task')).body.data;
      expect(task).toMatchObject({
        name: 'Visit Boiler',
        request_id: request.id,
        owner_id: user.body.data.id,
      });
      expect((await runsOf('task_new')).map((r) => [r.trigger, r.depth, r.status])).toEqual([
        ['create', 1, 'done'],
      ]);
      expect((await runsOf('task_owned')).map((r) => [r.trigger, r.depth, r.status])).toEqual([
        ['update', 1, 'done'],
      ]);
      expect(receiver.deliveries.map((d) => [d.body.automation, d.body.event]).sort()).toEqual([
        ['task_new', 'record.created'],
        ['task_owned', 'record.updated'],
      ]);
    } finally {
      await receiver.close();
    }
  });
});
