/**
 * Time-triggered automations over HTTP, under a test clock: relative triggers planned from a record's date,
 * re-planned when it changes and cancelled when the record stops matching; cron schedules in Asia/Shanghai and
 * America/New_York across New York's daylight-saving change (2027-03-14), fired once by two schedulers.
 */
import type { DocumentSet, PropertyDocument, Workspace } from '@tessera/engine';
import { afterEach, expect, it } from 'vitest';
import { JOBS, RUNS } from '../../engine/src/queue/queue-tables.js';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object } from '../../engine/test/documents.js';
import { automationWorker, putAutomation, testClock } from '../test/automation-harness.js';
import { serveForTest, type TestApi } from '../test/server.js';

const DOCUMENTS: DocumentSet = {
  objects: [
    object('visit', {
      status: {
        type: 'string',
        enum: ['open', 'closed'],
        default: 'open',
        'x-tessera': {
          field: 'picklist',
          options: [
            { value: 'open', label: { en: 'Open' } },
            { value: 'closed', label: { en: 'Closed' } },
          ],
        },
      },
      due_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
      due_day: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
      pings: { type: 'integer', 'x-tessera': { field: 'integer' } } as PropertyDocument,
    }),
  ],
};

const ping = { type: 'update_record', set: [{ field: 'pings', formula: 'BLANKVALUE(pings, 0) + 1' }] };

describeEachDialect('time-triggered automations over HTTP', (env) => {
  let api: TestApi;
  let ws: Workspace;
  const open = async () => {
    ws = await env.open();
    await ws.deploy(DOCUMENTS);
    api = await serveForTest(ws, undefined, undefined, { jobs: false });
  };
  afterEach(() => api?.server.close());
  const create = async (body: unknown, timeZone: string) => {
    const res = await api.call('POST', '/api/v1/data/visit', body, { 'time-zone': timeZone });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data as { id: string };
  };
  const pings = async (id: string) => (await api.call('GET', `/api/v1/data/visit/${id}`)).body.data.pings;
  const runs = (automation: string) =>
    ws.storage.db
      .selectFrom(RUNS)
      .selectAll()
      .where('automation', '=', automation)
      .orderBy('created_at')
      .execute();

  it('a relative trigger fires a day before in New York wall-clock time, across the DST change', async () => {
    await open();
    const made = await putAutomation(
      api,
      'day_before',
      'visit',
      { relative: { field: 'due_at', offset: '-P1D' }, when: "ISPICKVAL(status, 'open')" },
      [ping],
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // Sunday 2027-03-14 09:00 EDT; a day before is Saturday 09:00 EST = 14:00Z (24 hours before would be 13:00Z).
    const visit = await create({ name: 'Sunday', due_at: '2027-03-14T13:00:00Z' }, 'America/New_York');
    const clock = testClock('2027-03-13T13:59:59Z');
    const worker = automationWorker(ws, clock);
    await worker.runDue();
    expect(await pings(visit.id)).toBeNull();
    clock.set('2027-03-13T14:00:00Z');
    await worker.runDue();
    expect(await pings(visit.id)).toBe(1);
    await worker.runDue();
    expect(await pings(visit.id)).toBe(1);
    expect((await runs('day_before')).map((r) => [r.trigger, r.status])).toEqual([
      ['relative', 'done'],
      ['relative', 'done'],
    ]);
  });

  it('a relative trigger on a date counts from midnight in Shanghai, is re-planned when the date moves and cancelled when the record stops matching', async () => {
    await open();
    await putAutomation(
      api,
      'hour_before',
      'visit',
      { relative: { field: 'due_day', offset: '-PT1H' }, when: "ISPICKVAL(status, 'open')" },
      [ping],
    );
    const moved = await create({ name: 'Moved', due_day: '2027-03-15' }, 'Asia/Shanghai');
    const closed = await create({ name: 'Closed', due_day: '2027-03-15' }, 'Asia/Shanghai');
    // Midnight of 2027-03-15 in Shanghai is 16:00Z the day before; an hour before that is 15:00Z.
    const patch = (id: string, body: unknown) =>
      api.call('PATCH', `/api/v1/data/visit/${id}`, body, { 'time-zone': 'Asia/Shanghai' });
    expect((await patch(moved.id, { due_day: '2027-03-16' })).status).toBe(200);
    expect((await patch(closed.id, { status: 'closed' })).status).toBe(200);
    const clock = testClock('2027-03-14T15:00:00Z');
    const worker = automationWorker(ws, clock);
    await worker.runDue();
    expect([await pings(moved.id), await pings(closed.id)]).toEqual([null, null]);
    clock.set('2027-03-15T14:59:59Z');
    await worker.runDue();
    expect(await pings(moved.id)).toBeNull();
    clock.set('2027-03-15T15:00:00Z');
    await worker.runDue();
    expect([await pings(moved.id), await pings(closed.id)]).toEqual([1, null]);
    const statuses = (
      await ws.storage.db.selectFrom(JOBS).select(['status', 'type']).where('type', '=', 'relative').execute()
    )
      .map((j) => j.status)
      .sort();
    // The first plan of each was cancelled (moved, closed); the second plan of the moved one ran.
    expect(statuses).toEqual(['cancelled', 'cancelled', 'done']);
  });

  it('deleting the record cancels its plan', async () => {
    await open();
    await putAutomation(api, 'before_due', 'visit', { relative: { field: 'due_at', offset: '-PT2H' } }, [
      ping,
    ]);
    const gone = await create({ name: 'Gone', due_at: '2027-03-20T10:00:00Z' }, 'UTC');
    expect((await api.call('DELETE', `/api/v1/data/visit/${gone.id}`)).status).toBe(204);
    const worker = automationWorker(ws, testClock('2027-03-21T00:00:00Z'));
    expect(await worker.runDue()).toBe(0);
    expect(await ws.storage.db.selectFrom(JOBS).select('status').execute()).toEqual([
      { status: 'cancelled' },
    ]);
  });

  it('a cron schedule fires at 9:00 in New York before and after the DST change, on the records its filter matches, once with two schedulers', async () => {
    await open();
    expect(
      (
        await putAutomation(
          api,
          'morning',
          'visit',
          {
            schedule: { cron: '0 9 * * *', timeZone: 'America/New_York' },
            filter: { status: { eq: 'open' } },
          },
          [ping],
        )
      ).status,
    ).toBe(201);
    const open1 = await create({ name: 'A' }, 'UTC');
    const open2 = await create({ name: 'B' }, 'UTC');
    const done = await create({ name: 'C', status: 'closed' }, 'UTC');
    const clock = testClock('2027-03-12T15:00:00Z');
    const other = await env.reopen(ws);
    const schedulers = [ws.automationScheduler(clock), other.automationScheduler(clock)];
    const worker = automationWorker(ws, clock);
    const tick = async (iso: string) => {
      clock.set(iso);
      let fired = 0;
      for (const s of schedulers) fired += await s.runDue();
      await worker.runDue();
      return fired;
    };
    // First seen: counts from now, fires nothing for earlier times.
    expect(await tick('2027-03-12T15:00:00Z')).toBe(0);
    expect(await tick('2027-03-13T13:59:59Z')).toBe(0);
    expect(await tick('2027-03-13T14:00:00Z')).toBe(2); // 09:00 EST
    expect(await tick('2027-03-13T14:00:30Z')).toBe(0);
    expect(await tick('2027-03-14T12:59:59Z')).toBe(0);
    expect(await tick('2027-03-14T13:00:00Z')).toBe(2); // 09:00 EDT
    expect([await pings(open1.id), await pings(open2.id), await pings(done.id)]).toEqual([2, 2, null]);
    expect((await runs('morning')).every((r) => r.trigger === 'schedule' && r.status === 'done')).toBe(true);
  });

  it('a weekday cron fires at 9:00 in Shanghai', async () => {
    await open();
    await putAutomation(
      api,
      'weekdays',
      'visit',
      { schedule: { cron: '0 9 * * 1-5', timeZone: 'Asia/Shanghai' } },
      [ping],
    );
    const visit = await create({ name: 'A' }, 'UTC');
    const clock = testClock('2027-03-11T12:00:00Z');
    const scheduler = ws.automationScheduler(clock);
    const worker = automationWorker(ws, clock);
    const tick = async (iso: string) => {
      clock.set(iso);
      const fired = await scheduler.runDue();
      await worker.runDue();
      return fired;
    };
    expect(await tick('2027-03-11T12:00:00Z')).toBe(0);
    expect(await tick('2027-03-12T00:59:59Z')).toBe(0);
    expect(await tick('2027-03-12T01:00:00Z')).toBe(1); // Friday 09:00 CST
    expect(await tick('2027-03-13T01:00:00Z')).toBe(0); // Saturday
    expect(await tick('2027-03-15T01:00:00Z')).toBe(1); // Monday
    expect(await pings(visit.id)).toBe(2);
  });
});
