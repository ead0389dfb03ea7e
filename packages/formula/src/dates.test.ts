import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber } from './dates.js';

describe('day numbers', () => {
  it('write every day of years 1000 to 9999 as Date does, and read them back', () => {
    const DAY_MS = 86_400_000;
    const first = dayNumber('1000-01-01');
    const last = dayNumber('9999-12-31');
    // Every 7th day (each weekday, month end and leap day is reached over the years), plus both ends.
    for (let day = first; day <= last; day += day < first + 800 || day > last - 800 ? 1 : 7) {
      const expected = new Date(day * DAY_MS).toISOString().slice(0, 10);
      expect(fromDayNumber(day)).toBe(expected);
      expect(dayNumber(expected)).toBe(day);
    }
    expect(fromDayNumber(last)).toBe('9999-12-31');
    expect(fromDayNumber(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(fromDayNumber(dayNumber('2100-02-28') + 1)).toBe('2100-03-01');
  });

  it('leaves years Date writes differently to Date', () => {
    expect(fromDayNumber(dayNumber('9999-12-31') + 1)).toBe(
      new Date(253_402_300_800_000).toISOString().slice(0, 10),
    );
  });
});
