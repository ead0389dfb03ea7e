import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from './iso-duration.js';

describe('ISO 8601 durations', () => {
  it('reads every part, with a sign', () => {
    expect(parseIsoDuration('-PT2H')).toEqual({
      sign: -1,
      years: 0,
      months: 0,
      weeks: 0,
      days: 0,
      hours: 2,
      minutes: 0,
      seconds: 0,
    });
    expect(parseIsoDuration('+P1Y2M3W4DT5H6M7S')).toEqual({
      sign: 1,
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(parseIsoDuration('P3D')).toMatchObject({ sign: 1, days: 3, hours: 0 });
    expect(parseIsoDuration('PT90M')).toMatchObject({ minutes: 90 });
  });

  it('refuses what is not a duration in whole units', () => {
    for (const text of [
      '',
      'P',
      'PT',
      '-P',
      'P1DT',
      '2H',
      'PT2.5H',
      'P1H',
      'PT1D',
      'P1D2M',
      'p1d',
      'P 1D',
      '--P1D',
    ])
      expect(parseIsoDuration(text), text).toBeUndefined();
  });
});
