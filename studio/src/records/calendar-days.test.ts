import { describe, expect, it } from 'vitest';
import { dayKey, gridFilter, monthGrid, shiftMonth } from './calendar-days.js';

describe('calendar days', () => {
  it('a date-time falls on its day in the user zone; a date on its own day everywhere', () => {
    const at = '2026-03-10T01:30:00.000Z';
    expect(dayKey(at, 'instant', 'America/New_York')).toBe('2026-03-09');
    expect(dayKey(at, 'instant', 'Asia/Shanghai')).toBe('2026-03-10');
    expect(dayKey('2026-03-10', 'day', 'America/New_York')).toBe('2026-03-10');
    expect(dayKey('2026-03-10', 'day', 'Pacific/Kiritimati')).toBe('2026-03-10');
    expect(dayKey('not a date', 'instant', 'UTC')).toBeUndefined();
    expect(dayKey(null, 'day', 'UTC')).toBeUndefined();
  });

  it('a month is whole weeks from Monday, and months shift across years', () => {
    const weeks = monthGrid('2026-03');
    expect(weeks[0]?.[0]).toBe('2026-02-23');
    expect(weeks.at(-1)?.[6]).toBe('2026-04-05');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });

  it('asks for a day more either side for date-times', () => {
    const weeks = monthGrid('2026-03');
    expect(gridFilter('d', weeks, 'day')).toEqual({ d: { gte: '2026-02-23', lte: '2026-04-05' } });
    expect(gridFilter('t', weeks, 'instant')).toEqual({
      t: { gte: '2026-02-22T00:00:00.000Z', lt: '2026-04-07T00:00:00.000Z' },
    });
  });
});
