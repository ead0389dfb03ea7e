/** Wall-clock arithmetic in IANA zones and cron fire times, across daylight-saving changes. */
import { describe, expect, it } from 'vitest';
import { latestDue, nextFire } from './cron-times.js';
import { addDuration, instantOf, parseDuration } from './zoned-time.js';

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const at = (text: string) => Date.parse(text);
const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
  millisecond: 0,
});
const NY = 'America/New_York';
const SH = 'Asia/Shanghai';

describe('ISO 8601 durations', () => {
  it('reads signed durations with calendar and exact parts', () => {
    expect(parseDuration('-PT2H')).toEqual({
      sign: -1,
      years: 0,
      months: 0,
      weeks: 0,
      days: 0,
      exactMs: 7_200_000,
    });
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      sign: 1,
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      exactMs: ((5 * 60 + 6) * 60 + 7.5) * 1000,
    });
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', 'P', 'PT', '2H', 'P1H', 'PT1D', '-', 'P-1D', 'p1d', 'P1.5D'])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('moves days on the wall clock and hours in exact time across a DST change', () => {
    // 2027-03-15 09:00 EDT; New York moved its clocks forward on 2027-03-14 at 02:00.
    const monday = at('2027-03-15T13:00:00Z');
    expect(iso(addDuration(monday, parseDuration('-P1D') as never, NY))).toBe('2027-03-14T13:00:00.000Z');
    expect(iso(addDuration(monday, parseDuration('-P2D') as never, NY))).toBe('2027-03-13T14:00:00.000Z');
    expect(iso(addDuration(monday, parseDuration('-PT48H') as never, NY))).toBe('2027-03-13T13:00:00.000Z');
    // Shanghai keeps one offset all year: a day is always 24 hours.
    expect(iso(addDuration(at('2027-03-15T01:00:00Z'), parseDuration('-P2D') as never, SH))).toBe(
      '2027-03-13T01:00:00.000Z',
    );
    // The end of a longer month is the end of a shorter one.
    expect(iso(addDuration(at('2027-01-31T00:00:00Z'), parseDuration('P1M') as never, 'UTC'))).toBe(
      '2027-02-28T00:00:00.000Z',
    );
  });

  it('names a skipped local time after the gap and a repeated one by its first occurrence', () => {
    expect(iso(instantOf(wall(2027, 3, 14, 2, 30), NY))).toBe('2027-03-14T07:30:00.000Z');
    expect(iso(instantOf(wall(2027, 11, 7, 1, 30), NY))).toBe('2027-11-07T05:30:00.000Z');
    expect(iso(instantOf(wall(2027, 3, 14, 9), SH))).toBe('2027-03-14T01:00:00.000Z');
  });
});

describe('cron fire times', () => {
  it('fires at 9:00 local in New York on both sides of the spring change', () => {
    const times: (string | undefined)[] = [];
    let t = at('2027-03-12T15:00:00Z');
    for (let i = 0; i < 3; i++) {
      t = nextFire('0 9 * * *', NY, t) as number;
      times.push(iso(t));
    }
    expect(times).toEqual([
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
    ]);
  });

  it('fires a time the spring change skips when the clock resumes, and a repeated time once', () => {
    expect(iso(nextFire('30 2 * * *', NY, at('2027-03-13T12:00:00Z')))).toBe('2027-03-14T07:00:00.000Z');
    const first = nextFire('30 1 * * *', NY, at('2027-11-06T12:00:00Z')) as number;
    expect(iso(first)).toBe('2027-11-07T05:30:00.000Z');
    expect(iso(nextFire('30 1 * * *', NY, first))).toBe('2027-11-08T06:30:00.000Z');
  });

  it('fires weekdays at 9:00 in Shanghai', () => {
    // 2027-03-12 is a Friday.
    const friday = nextFire('0 9 * * 1-5', SH, at('2027-03-11T02:00:00Z')) as number;
    expect(iso(friday)).toBe('2027-03-12T01:00:00.000Z');
    expect(iso(nextFire('0 9 * * 1-5', SH, friday))).toBe('2027-03-15T01:00:00.000Z');
  });

  it('after a stop, only the latest missed time is due', () => {
    const last = at('2027-03-10T14:00:00Z');
    expect(iso(latestDue('0 9 * * *', NY, last, at('2027-03-13T20:00:00Z')))).toBe(
      '2027-03-13T14:00:00.000Z',
    );
    expect(latestDue('0 9 * * *', NY, last, at('2027-03-11T13:59:59Z'))).toBeUndefined();
  });

  it('a bad expression never fires', () => {
    expect(nextFire('not a cron', NY, at('2027-03-10T00:00:00Z'))).toBeUndefined();
    expect(nextFire('0 9 * * *', 'Mars/Olympus', at('2027-03-10T00:00:00Z'))).toBeUndefined();
  });
});
