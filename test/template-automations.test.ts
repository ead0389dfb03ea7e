/**
 * The industry templates' automations (examples/*\/automations) do what their READMEs say, over HTTP on a
 * workspace with the three templates installed from their folders, seed data included. The runtime's own job
 * worker carries the queued actions out, on a clock the test moves; writes happen at the real time.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSummary, Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOBS, NOTIFICATIONS } from '../engine/src/queue/queue-tables.js';
import { describeEachDialect } from '../engine/test/dialects.js';
import { packageSource, readPackage } from '../packages/cli/src/package-folder.js';
import { automationWorker, type TestClock, testClock, YEAR } from '../runtime/test/automation-harness.js';
import { serveForTest, type TestApi, type TestResponse } from '../runtime/test/server.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const TEMPLATES = ['crm-core', 'distribution', 'field-service'];

/** A clock at the real time: the jobs of writes just made are due, plans hours ahead are not. */
const realClock = (): TestClock => ({ now: () => Date.now(), set: () => {} });

/** Today's date in `timeZone`, `days` later, as YYYY-MM-DD. */
function dayIn(timeZone: string, days: number, at = Date.now()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

type Caller = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<TestResponse>;
interface Person {
  id: string;
  call: Caller;
}
interface Note {
  title: string;
  body: string;
  object: string;
  recordId: string;
  automation: string;
}

describeEachDialect('template automations', (env) => {
  let api: TestApi;
  let ws: Workspace;
  /** Records each object received from the templates' seed files. */
  const seeded = new Map<string, number>();
  const people: Record<string, Person> = {};
  const person = (name: string) => people[name] as Person;

  const ok = (res: TestResponse, status: number) => {
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(status);
    return res.body.data;
  };
  /** Creates a record as the workspace's admin (the platform token acts as the first admin user). */
  const create = async (object: string, body: object, headers?: Record<string, string>) =>
    ok(await api.call('POST', `/api/v1/data/${object}`, body, headers), 201);
  const patch = async (object: string, id: string, body: object, headers?: Record<string, string>) =>
    ok(await api.call('PATCH', `/api/v1/data/${object}/${id}`, body, headers), 200);
  /** Gives the record to another user (owners are not written with the record's fields). */
  const giveTo = async (object: string, record: { id: string }, name: string) =>
    ok(
      await api.call('POST', `/api/v1/data/${object}/${record.id}/owner`, { ownerId: person(name).id }),
      200,
    );
  const read = async (object: string, id: string) =>
    ok(await api.call('GET', `/api/v1/data/${object}/${id}`), 200);
  const list = async (object: string, filter: object, sort = 'created_at') =>
    ok(
      await api.call(
        'GET',
        `/api/v1/data/${object}?limit=200&sort=${sort}&filter=${encodeURIComponent(JSON.stringify(filter))}`,
      ),
      200,
    );
  const total = async (object: string) => {
    const res = await api.call('GET', `/api/v1/data/${object}?limit=1&count=true`);
    ok(res, 200);
    return res.body.page.total as number;
  };
  /**
   * The notifications a user sees in GET /notifications, by record (those one job leaves for several records
   * share a millisecond, so their order among themselves is not given).
   */
  const notesOf = async (name: string): Promise<Note[]> =>
    (ok(await person(name).call('GET', '/api/v1/notifications?limit=100'), 200) as Note[]).sort((a, b) =>
      `${a.recordId} ${a.title}`.localeCompare(`${b.recordId} ${b.title}`),
    );
  /** Records in the order notesOf gives their notifications. */
  const byId = <T extends { id: string }>(records: T[]) =>
    [...records].sort((a, b) => a.id.localeCompare(b.id));
  /** The runs a record's writes triggered, as GET /automation-runs?record= shows them, oldest first. */
  const runsOf = async (recordId: string): Promise<RunSummary[]> =>
    [...ok(await api.call('GET', `/api/v1/automation-runs?record=${recordId}&limit=100`), 200)].reverse();
  const drain = () => automationWorker(ws, realClock()).runDue();

  const makeUser = async (name: string, extra: object = {}) => {
    const made = ok(
      await api.call('POST', '/api/v1/users', { email: `${name}@template.example.com`, name, ...extra }),
      201,
    );
    const token = ok(await api.call('POST', '/api/v1/tokens', { name, userId: made.id }), 201).token;
    people[name] = {
      id: made.id,
      call: (method, path, body, headers = {}) =>
        api.call(method, path, body, { authorization: `Bearer ${token}`, ...headers }),
    };
  };

  beforeAll(async () => {
    ws = await env.openForSuite();
    api = await serveForTest(ws, undefined, undefined, { jobs: false });
    // The first admin: records the platform token writes are theirs.
    await makeUser('admin', { admin: true });
    for (const name of TEMPLATES) {
      const source = packageSource(await readPackage(join(EXAMPLES, name)));
      const installed = ok(await api.call('POST', '/api/v1/meta/packages', source), 201);
      for (const [file, n] of Object.entries(installed.seeded as Record<string, number>)) {
        const object = /^data\/(.+)\.csv$/.exec(file)?.[1] as string;
        seeded.set(object, (seeded.get(object) ?? 0) + n);
      }
    }
    // Users of the templates' roles exist only once the templates are installed.
    for (const name of ['rep_li', 'rep_wang']) await makeUser(name);
    for (const name of ['disp_a', 'disp_b']) await makeUser(name, { role: 'dispatcher' });
    await makeUser('disp_gone', { role: 'dispatcher' });
    ok(await api.call('PATCH', `/api/v1/users/${person('disp_gone').id}`, { active: false }), 200);
    for (const name of ['eng_zhao', 'eng_qian']) await makeUser(name, { role: 'field_engineer' });
  });
  afterAll(() => api?.server.close());

  it('installing the templates fires none of their automations: the seed data is stored as it is', async () => {
    // The seeds hold won opportunities, submitted orders, completed visits, new requests and open work orders.
    for (const object of [
      'opportunity',
      'task',
      'dist_order',
      'store_visit',
      'service_request',
      'work_order',
    ])
      expect(await total(object), object).toBe(seeded.get(object));
    expect(ok(await api.call('GET', '/api/v1/automation-runs?limit=1'), 200)).toEqual([]);
    expect(await ws.storage.db.selectFrom(JOBS).select('id').execute()).toEqual([]);
    expect(await drain()).toBe(0);
    expect(await notesOf('admin')).toEqual([]);
  });

  it('crm-core: an opportunity moved to Closed Won gets one follow-up task for its owner, due in three days where the writer is', async () => {
    const account = await create('account', { name: 'Won Deals Ltd', type: 'customer' });
    const contact = await create('contact', { name: 'Chen Jing', account: account.id });
    const opportunity = async (name: string) =>
      giveTo(
        'opportunity',
        await create('opportunity', {
          name,
          account: account.id,
          contact: contact.id,
          stage: 'proposal',
          amount: 50000,
          close_date: '2026-12-31',
        }),
        'rep_li',
      );
    const tasksOf = (id: string) => list('task', { opportunity: { eq: id } });
    const east = await opportunity('Line 3 retrofit');
    const west = await opportunity('Spare parts 2027');
    // Another stage: nothing.
    await patch('opportunity', east.id, { stage: 'negotiation' });
    await drain();
    expect(await tasksOf(east.id)).toEqual([]);

    // Won in Kiritimati (UTC+14) and in Pago Pago (UTC−11): TODAY() is each writer's own day.
    const before = Date.now();
    await patch('opportunity', east.id, { stage: 'closed_won' }, { 'time-zone': 'Pacific/Kiritimati' });
    await patch('opportunity', west.id, { stage: 'closed_won' }, { 'time-zone': 'Pacific/Pago_Pago' });
    const after = Date.now();
    await drain();
    const [task] = await tasksOf(east.id);
    expect(await tasksOf(east.id)).toHaveLength(1);
    expect(task).toMatchObject({
      subject: 'Follow up / 跟进：Line 3 retrofit',
      activity_type: 'call',
      status: 'not_started',
      priority: 'high',
      opportunity: east.id,
      account: account.id,
      contact: contact.id,
      owner_id: person('rep_li').id,
    });
    for (const [id, zone] of [
      [east.id, 'Pacific/Kiritimati'],
      [west.id, 'Pacific/Pago_Pago'],
    ] as const)
      expect([dayIn(zone, 3, before), dayIn(zone, 3, after)]).toContain((await tasksOf(id))[0].due_date);

    // Won again after all that, and other edits of a won deal: no second task.
    await patch('opportunity', east.id, { amount: 60000 });
    await drain();
    expect(await tasksOf(east.id)).toHaveLength(1);
    expect((await runsOf(east.id)).map((r) => [r.automation, r.trigger, r.status])).toEqual([
      ['opportunity_won_follow_up', 'update', 'done'],
    ]);

    // Won twice in one write (lost in between): one run, one task.
    const twice = await opportunity('Twice won');
    const bulk = await api.call('POST', '/api/v1/data/opportunity/bulk', {
      operation: 'update',
      records: [
        { id: twice.id, stage: 'closed_won' },
        { id: twice.id, stage: 'closed_lost', loss_reason: 'price' },
        { id: twice.id, stage: 'closed_won' },
      ],
    });
    expect(bulk.status, JSON.stringify(bulk.body).slice(0, 600)).toBe(200);
    await drain();
    expect(await tasksOf(twice.id)).toHaveLength(1);
    expect((await runsOf(twice.id)).length).toBe(1);
    // Created as won: a task too.
    const born = await create('opportunity', {
      name: 'Born won',
      account: account.id,
      stage: 'closed_won',
      amount: 1,
      close_date: '2026-12-31',
    });
    await drain();
    expect(await tasksOf(born.id)).toEqual([expect.objectContaining({ owner_id: person('admin').id })]);
  });

  it("distribution: a submitted order notifies the distributor's sales rep, in their notifications and no one else's", async () => {
    const distributor = await giveTo(
      'distributor',
      await create('distributor', {
        name: '测试经销商 Submit',
        distributor_code: 'T-SUBMIT-1',
        tier: 'gold',
        status: 'active',
        region: 'east_china',
        credit_limit: 100000,
      }),
      'rep_li',
    );
    const order = (status: string) =>
      create('dist_order', { distributor: distributor.id, status, order_type: 'standard' });
    const draft = await order('draft');
    await drain();
    expect(await notesOf('rep_li')).toEqual([]);
    await patch('dist_order', draft.id, { status: 'submitted' }, { 'accept-language': 'zh-CN' });
    await patch('dist_order', draft.id, { notes: 'rush' });
    const direct = await order('submitted');
    await drain();
    expect(await notesOf('rep_li')).toEqual(
      byId([draft, direct]).map((o) =>
        expect.objectContaining({
          title: `Order ${o.order_no} submitted`,
          body: `Distributor order ${o.order_no} was submitted and waits for approval.`,
          object: 'dist_order',
          recordId: o.id,
          automation: 'dist_order_submitted_notify_rep',
        }),
      ),
    );
    // The same notifications read in Chinese: every language the automation wrote is kept, each reader
    // sees theirs, whatever the language of the write that triggered it.
    const inChinese = ok(
      await person('rep_li').call('GET', '/api/v1/notifications?limit=100', undefined, {
        'accept-language': 'zh-CN',
      }),
      200,
    ) as Note[];
    expect(inChinese.map((n) => n.title).sort()).toEqual(
      [draft, direct].map((o) => `订单 ${o.order_no} 已提交`).sort(),
    );
    expect(inChinese.map((n) => n.body)).toContain(`经销商订单 ${draft.order_no} 已提交，等待审批。`);
    const [run] = await runsOf(draft.id);
    expect(run).toMatchObject({
      trigger: 'update',
      status: 'done',
      actions: [{ type: 'notify', status: 'done' }],
    });
    for (const other of ['rep_wang', 'admin']) expect(await notesOf(other)).toEqual([]);
    expect(await runsOf(draft.id)).toHaveLength(1);
  });

  it("distribution: a completed store visit plans the next routine visit, as many days later as the store's visit frequency", async () => {
    const distributor = await create('distributor', {
      name: '测试经销商 Visits',
      distributor_code: 'T-VISIT-1',
      tier: 'silver',
      status: 'active',
      region: 'south_china',
      credit_limit: 0,
    });
    const store = (code: string, visit_frequency_days: number | null) =>
      create('store', {
        name: `Store ${code}`,
        store_code: code,
        channel: 'convenience',
        status: 'active',
        distributor: distributor.id,
        region: 'south_china',
        visit_frequency_days,
      });
    const fortnightly = await store('T-ST-14', 14);
    const unset = await store('T-ST-NA', null);
    const visitsOf = (id: string) => list('store_visit', { store: { eq: id } }, 'visit_date');
    const visit = await giveTo(
      'store_visit',
      await create('store_visit', {
        store: fortnightly.id,
        sales_rep: '李雷',
        visit_type: 'audit',
        status: 'planned',
        visit_date: '2026-12-01',
      }),
      'rep_li',
    );
    await patch('store_visit', visit.id, { status: 'missed' });
    await drain();
    expect(await visitsOf(fortnightly.id)).toHaveLength(1);
    await patch('store_visit', visit.id, { status: 'completed', check_in_time: '2026-12-01T02:00:00Z' });
    await patch('store_visit', visit.id, { findings: 'Shelf share up' });
    await drain();
    const [, next] = await visitsOf(fortnightly.id);
    expect(await visitsOf(fortnightly.id)).toHaveLength(2);
    expect(next).toMatchObject({
      sales_rep: '李雷',
      visit_type: 'routine',
      status: 'planned',
      visit_date: '2026-12-15',
      owner_id: person('rep_li').id,
    });
    // A store without a frequency: a week later. A visit recorded as completed plans one too.
    await create('store_visit', {
      store: unset.id,
      sales_rep: 'Han Meimei',
      status: 'completed',
      visit_date: '2026-12-30',
      check_in_time: '2026-12-30T01:00:00Z',
    });
    await drain();
    expect(
      (await visitsOf(unset.id)).map((v: { visit_date: string; status: string }) => [v.visit_date, v.status]),
    ).toEqual([
      ['2026-12-30', 'completed'],
      ['2027-01-06', 'planned'],
    ]);
  });

  /**
   * An account with assets serviced by an active engineer who is a user (under a 4-hour contract), by an
   * inactive one, and by an active one who is no user.
   */
  let site: {
    account: string;
    contract: string;
    covered: string;
    orphaned: string;
    unlinked: string;
    engineer: string;
    outsider: string;
  };
  const serviceSite = async () => {
    if (site) return site;
    const account = await create('account', { name: 'Huadong Plastics', type: 'customer' });
    const contract = await create('service_contract', {
      contract_number: 'T-SC-4H',
      account: account.id,
      coverage_level: 'premium',
      status: 'active',
      start_date: '2026-01-01',
      end_date: '2030-12-31',
      response_hours: 4,
    });
    const engineer = (employee_no: string, user: string | null, active: boolean) =>
      create('field_engineer', { name: employee_no, employee_no, region: 'east_china', active, user });
    const zhao = await engineer('T-FSE-1', person('eng_zhao').id, true);
    const qian = await engineer('T-FSE-2', person('eng_qian').id, false);
    const sun = await engineer('T-FSE-3', null, true);
    const asset = (serial_no: string, fields: object) =>
      create('equipment_asset', {
        name: serial_no,
        serial_no,
        customer_id: account.id,
        status: 'active',
        ...fields,
      });
    const covered = await asset('T-IMM-1', { engineer: zhao.id, service_contract: contract.id });
    const orphaned = await asset('T-IMM-2', { engineer: qian.id });
    const unlinked = await asset('T-IMM-3', { engineer: sun.id });
    site = {
      account: account.id,
      contract: contract.id,
      covered: covered.id,
      orphaned: orphaned.id,
      unlinked: unlinked.id,
      engineer: zhao.id,
      outsider: sun.id,
    };
    return site;
  };
  const request = (fields: object) =>
    create('service_request', {
      subject: 'Hydraulic leak',
      account: site.account,
      issue_type: 'leak',
      priority: 'high',
      channel: 'phone',
      status: 'new',
      ...fields,
    });
  const workOrdersOf = (id: string) => list('work_order', { service_request: { eq: id } });

  it('field service: a new request for an asset becomes a work order dispatched to its active engineer, owned by their user, due by the contract; dispatchers hear of every request', async () => {
    await serviceSite();
    // Reported now (the field's default): the SLA reminder of its work order is hours away.
    const covered = await request({ asset: site.covered });
    const orphaned = await request({ asset: site.orphaned, issue_type: 'installation' });
    const unlinked = await request({ asset: site.unlinked, issue_type: 'maintenance' });
    const hoursAfter = (iso: string, hours: number) =>
      new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
    const bare = await request({ subject: 'Question about filters', issue_type: 'consultation' });
    await drain();

    const [dispatched] = await workOrdersOf(covered.id);
    expect(await workOrdersOf(covered.id)).toHaveLength(1);
    expect(dispatched).toMatchObject({
      subject: 'Hydraulic leak',
      work_type: 'corrective',
      account: site.account,
      asset: site.covered,
      service_contract: site.contract,
      priority: 'high',
      engineer: site.engineer,
      status: 'dispatched',
      sla_due: hoursAfter(covered.reported_at, 4),
      owner_id: person('eng_zhao').id,
    });
    // An inactive engineer: it waits for a dispatcher, owned by whoever logged the request; 48 hours without a contract.
    expect(await workOrdersOf(orphaned.id)).toEqual([
      expect.objectContaining({
        work_type: 'installation',
        engineer: null,
        status: 'new',
        service_contract: null,
        sla_due: hoursAfter(orphaned.reported_at, 48),
        owner_id: person('admin').id,
      }),
    ]);
    // An active engineer who is no user: dispatched to them, owned by whoever logged the request.
    expect(await workOrdersOf(unlinked.id)).toEqual([
      expect.objectContaining({
        work_type: 'preventive',
        engineer: site.outsider,
        status: 'dispatched',
        owner_id: person('admin').id,
      }),
    ]);
    expect(await workOrdersOf(bare.id)).toEqual([]);

    // Every request is announced to the active dispatchers, and to no one else.
    for (const name of ['disp_a', 'disp_b'])
      expect((await notesOf(name)).map((n) => [n.recordId, n.title, n.body])).toEqual(
        byId([covered, orphaned, unlinked, bare]).map((r) => [
          r.id,
          `New service request ${r.request_no}`,
          `New service request ${r.request_no}: ${r.subject}`,
        ]),
      );
    for (const name of ['eng_zhao', 'admin'])
      expect((await notesOf(name)).filter((n) => n.object === 'service_request')).toEqual([]);
    // A deactivated dispatcher cannot sign in to look: nothing was left for them.
    const gone = await ws.storage.db
      .selectFrom(NOTIFICATIONS)
      .select('id')
      .where('user_id', '=', person('disp_gone').id)
      .execute();
    expect(gone).toEqual([]);

    const history = async (id: string) =>
      (await runsOf(id)).map((r) => [r.automation, r.trigger, r.status]).sort();
    expect(await history(covered.id)).toEqual([
      ['fs_request_notify_dispatcher', 'create', 'done'],
      ['fs_request_work_order', 'create', 'done'],
    ]);
    expect(await history(bare.id)).toEqual([['fs_request_notify_dispatcher', 'create', 'done']]);
  });

  it('field service: two hours before an open work order is due its priority goes up a step and its engineer and owner hear of it; a completed one is left alone; a moved due time is planned again', async () => {
    await serviceSite();
    const day = `${YEAR}-06-10`;
    const at = (time: string) => `${day}T${time}Z`;
    const clock = testClock(at('07:00:00'));
    const worker = automationWorker(ws, clock);
    // From a request: owned by the engineer's user, so they hear of it once.
    const fromRequest = await request({ asset: site.covered, priority: 'low', reported_at: at('06:00:00') });
    await worker.runDue();
    const [mine] = await workOrdersOf(fromRequest.id);
    expect(mine).toMatchObject({
      sla_due: at('10:00:00.000'),
      priority: 'low',
      owner_id: person('eng_zhao').id,
    });
    const workOrder = (subject: string, priority: string) =>
      create('work_order', {
        subject,
        work_type: 'corrective',
        account: site.account,
        asset: site.covered,
        engineer: site.engineer,
        status: 'dispatched',
        priority,
        sla_due: at('10:00:00'),
      });
    const admins = await workOrder('Admin owned', 'high');
    const done = await workOrder('Done early', 'medium');
    const moved = await workOrder('Moved', 'medium');
    await patch('work_order', done.id, {
      status: 'completed',
      started_at: at('06:30:00'),
      completed_at: at('07:30:00'),
    });
    await patch('work_order', moved.id, { sla_due: at('14:00:00') });
    const priorities = async () =>
      Promise.all([mine, admins, done, moved].map(async (w) => (await read('work_order', w.id)).priority));
    const remindersOf = async (name: string) =>
      (await notesOf(name))
        .filter((n) => n.automation === 'fs_wo_sla_reminder')
        .map((n) => [n.recordId, n.title, n.body]);
    const reminder = (w: { id: string; wo_number: string; subject: string }) => [
      w.id,
      `Work order ${w.wo_number} due in two hours`,
      `Work order ${w.wo_number} (${w.subject}) is due in two hours; its priority was raised.`,
    ];

    clock.set(at('07:59:59'));
    await worker.runDue();
    expect(await priorities()).toEqual(['low', 'high', 'medium', 'medium']);
    clock.set(at('08:00:00'));
    await worker.runDue();
    expect(await priorities()).toEqual(['medium', 'critical', 'medium', 'medium']);
    const ours = (notes: unknown[][]) =>
      notes.filter((n) => [mine.id, admins.id, done.id, moved.id].includes(n[0] as string));
    expect(ours(await remindersOf('eng_zhao'))).toEqual(byId([mine, admins]).map(reminder));
    expect(ours(await remindersOf('admin'))).toEqual([reminder(admins)]);

    clock.set(at('11:59:59'));
    await worker.runDue();
    expect((await read('work_order', moved.id)).priority).toBe('medium');
    clock.set(at('12:00:00'));
    await worker.runDue();
    expect(await priorities()).toEqual(['medium', 'critical', 'medium', 'high']);
    expect(ours(await remindersOf('admin'))).toEqual(byId([admins, moved]).map(reminder));
    // Each plan is a run of its own; when it came due the reminder ran once. The completed one's plan was
    // cancelled, the moved one's replaced.
    await worker.runDue();
    const history = async (id: string) =>
      (await runsOf(id)).map((r) => [r.trigger, r.status, r.actions.map((a) => `${a.type}:${a.status}`)]);
    const fired = ['relative', 'done', ['update_record:done', 'notify:done']];
    for (const w of [mine, admins])
      expect(await history(w.id)).toEqual([['relative', 'done', ['relative:done']], fired]);
    expect(await history(done.id)).toEqual([['relative', 'done', ['relative:cancelled']]]);
    expect(await history(moved.id)).toEqual([
      ['relative', 'done', ['relative:cancelled']],
      ['relative', 'done', ['relative:done']],
      fired,
    ]);
    expect((await read('work_order', done.id)).priority).toBe('medium');
  });
});
