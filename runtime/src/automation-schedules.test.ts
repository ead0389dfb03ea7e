/**
 * Time-triggered automations over HTTP, under a test clock: relative triggers planned from a record's date,
 * re-planned when it changes and cancelled when the record stops matching; cron schedules in Asia/Shanghai and
 * America/New_York across New York's daylight-saving change next March (`aroundDst(0)` is that Sunday, UTC),
 * fired once by two schedulers.
 */
import type { DocumentSet, PropertyDocument, Workspace } from '@tessera/engine';
import { afterEach, expect, it } from 'vitest';
import { JOBS } from '../../engine/src/queue/queue-tables.js';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object } from '../../engine/test/documents.js';
import {
  aroundDst,
  automationWorker,
  putAutomation,
  runsOf,
  testClock,
  YEAR,
} from '../test/automation-harness.js';
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
  const runs = (automation: string) => runsOf(api, automation);

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
    // Sunday 09:00 EDT; a day before is Saturday 09:00 EST = 14:00Z (24 hours before would be 13:00Z).
    const visit = await create({ name: 'Sunday', due_at: aroundDst(0, '13:00:00') }, 'America/New_York');
    const clock = testClock(aroundDst(-1, '13:59:59'));
    const worker = automationWorker(ws, clock);
    await worker.runDue();
    expect(await pings(visit.id)).toBeNull();
    clock.set(aroundDst(-1, '14:00:00'));
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
    const monday = aroundDst(1).slice(0, 10);
    const moved = await create({ name: 'Moved', due_day: monday }, 'Asia/Shanghai');
    const closed = await create({ name: 'Closed', due_day: monday }, 'Asia/Shanghai');
    // Midnight of a day in Shanghai is 16:00Z the day before; an hour before that is 15:00Z.
    const patch = (id: string, body: unknown) =>
      api.call('PATCH', `/api/v1/data/visit/${id}`, body, { 'time-zone': 'Asia/Shanghai' });
    expect((await patch(moved.id, { due_day: aroundDst(2).slice(0, 10) })).status).toBe(200);
    expect((await patch(closed.id, { status: 'closed' })).status).toBe(200);
    const clock = testClock(aroundDst(0, '15:00:00'));
    const worker = automationWorker(ws, clock);
    await worker.runDue();
    expect([await pings(moved.id), await pings(closed.id)]).toEqual([null, null]);
    clock.set(aroundDst(1, '14:59:59'));
    await worker.runDue();
    expect(await pings(moved.id)).toBeNull();
    clock.set(aroundDst(1, '15:00:00'));
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
    const gone = await create({ name: 'Gone', due_at: aroundDst(6, '10:00:00') }, 'UTC');
    expect((await api.call('DELETE', `/api/v1/data/visit/${gone.id}`)).status).toBe(204);
    const worker = automationWorker(ws, testClock(aroundDst(7)));
    expect(await worker.runDue()).toBe(0);
    expect(await ws.storage.db.selectFrom(JOBS).select('status').execute()).toEqual([
      { status: 'cancelled' },
    ]);
  });

  it('a plan whose automation was deactivated, or whose condition no longer holds, does nothing when due', async () => {
    await open();
    await putAutomation(api, 'remind', 'visit', { relative: { field: 'due_at', offset: '-PT1H' } }, [ping]);
    await putAutomation(
      api,
      'remind_open',
      'visit',
      // True when the record is written (this year), false when the plan comes due (next year).
      { relative: { field: 'due_at', offset: '-PT1H' }, when: `TODAY() < DATE(${YEAR}, 1, 1)` },
      [ping],
    );
    const visit = await create({ name: 'Due', due_at: aroundDst(6, '10:00:00') }, 'UTC');
    await putAutomation(api, 'remind', 'visit', { relative: { field: 'due_at', offset: '-PT1H' } }, [ping], {
      active: false,
    });
    const worker = automationWorker(ws, testClock(aroundDst(6, '09:00:00')));
    await worker.runDue();
    expect(await pings(visit.id)).toBeNull();
    const jobs = await ws.storage.db.selectFrom(JOBS).select(['type', 'status']).execute();
    expect(jobs).toEqual([
      { type: 'relative', status: 'done' },
      { type: 'relative', status: 'done' },
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
    const clock = testClock(aroundDst(-2, '15:00:00'));
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
    expect(await tick(aroundDst(-2, '15:00:00'))).toBe(0);
    expect(await tick(aroundDst(-1, '13:59:59'))).toBe(0);
    expect(await tick(aroundDst(-1, '14:00:00'))).toBe(2); // Saturday 09:00 EST
    expect(await tick(aroundDst(-1, '14:00:30'))).toBe(0);
    expect(await tick(aroundDst(0, '12:59:59'))).toBe(0);
    expect(await tick(aroundDst(0, '13:00:00'))).toBe(2); // Sunday 09:00 EDT
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
    const clock = testClock(aroundDst(-3, '12:00:00'));
    const scheduler = ws.automationScheduler(clock);
    const worker = automationWorker(ws, clock);
    const tick = async (iso: string) => {
      clock.set(iso);
      const fired = await scheduler.runDue();
      await worker.runDue();
      return fired;
    };
    expect(await tick(aroundDst(-3, '12:00:00'))).toBe(0);
    expect(await tick(aroundDst(-2, '00:59:59'))).toBe(0);
    expect(await tick(aroundDst(-2, '01:00:00'))).toBe(1); // Friday 09:00 CST
    expect(await tick(aroundDst(-1, '01:00:00'))).toBe(0); // Saturday
    expect(await tick(aroundDst(1, '01:00:00'))).toBe(1); // Monday
    expect(await pings(visit.id)).toBe(2);
  });
});
