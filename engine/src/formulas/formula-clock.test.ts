import { describe, expect, it } from 'vitest';
import { clockIn, isTimeZone } from './formula-clock.js';

describe('formula clock', () => {
  // 2026-03-31 20:30 UTC is already 1 April in Shanghai, and still 31 March in New York.
  const instant = Date.parse('2026-03-31T20:30:00Z');

  it("gives TODAY() as the day in the caller's time zone, and NOW() unchanged", () => {
    expect(clockIn('UTC', instant)).toEqual({ now: instant, today: '2026-03-31' });
    expect(clockIn('Asia/Shanghai', instant).today).toBe('2026-04-01');
    expect(clockIn('America/New_York', instant).today).toBe('2026-03-31');
    expect(clockIn('Pacific/Kiritimati', Date.parse('2026-12-31T10:00:00Z')).today).toBe('2027-01-01');
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
