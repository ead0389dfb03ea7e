import { describe, expect, it } from 'vitest';
import { compileRegex, MAX_PATTERN_LENGTH, RegexSyntaxError, regexProblem } from './regex.js';

/** Milliseconds `fn` takes. */
const timed = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

describe('the linear-time regex engine', () => {
  it('answers a pattern that backtracks catastrophically in RegExp at once, and correctly', () => {
    const re = compileRegex('^(a+)+$');
    // RegExp takes minutes on 40 a's and a "!"; this is 100 000.
    const hostile = `${'a'.repeat(100_000)}!`;
    let verdict: boolean | undefined;
    expect(timed(() => (verdict = re.test(hostile)))).toBeLessThan(1000);
    expect(verdict).toBe(false);
    expect(re.test('a'.repeat(100_000))).toBe(true);
    expect(re.test('')).toBe(false);
  });

  it('tests anywhere in the text, or the whole text', () => {
    const re = compileRegex('SN-[0-9]{4}');
    expect(re.test('xx SN-1234 yy')).toBe(true);
    expect(re.testExact('xx SN-1234 yy')).toBe(false);
    expect(re.testExact('SN-1234')).toBe(true);
  });

  it('reads the ECMAScript escapes of JSON Schema patterns', () => {
    const noNul = compileRegex('^[^\\u0000]*$');
    expect(noNul.test('fine')).toBe(true);
    expect(noNul.test('bad\u0000')).toBe(false);
    expect(compileRegex('^\\u{1F600}$').test('😀')).toBe(true);
    // A surrogate pair is the one character it encodes.
    expect(compileRegex('^\\uD83D\\uDE00$').test('😀')).toBe(true);
    expect(compileRegex('^\\u0041\\u00e9$').test('Aé')).toBe(true);
    // An escaped backslash before "u" is a backslash and a "u", not an escape.
    expect(compileRegex('^\\\\u0041$').test('\\u0041')).toBe(true);
    expect(compileRegex('^\\p{Script=Han}+$').test('上海')).toBe(true);
    expect(compileRegex('^\\P{gc=Lu}$').test('A')).toBe(false);
  });

  it('refuses backreferences and lookarounds, saying why', () => {
    expect(regexProblem('(a)\\1')).toMatch(/backreferences are not supported/);
    expect(regexProblem('(?=a)a')).toMatch(/lookarounds are not supported/);
    expect(regexProblem('(?<!a)b')).toMatch(/lookarounds are not supported/);
    expect(regexProblem('[')).toMatch(/missing closing \]/);
    expect(regexProblem('^[A-Z0-9][A-Z0-9-]{2,19}$')).toBeUndefined();
    expect(() => compileRegex('(a)\\1')).toThrow(RegexSyntaxError);
  });

  it('refuses a pattern longer than the limit', () => {
    expect(regexProblem('a'.repeat(MAX_PATTERN_LENGTH))).toBeUndefined();
    expect(regexProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toBe(
      `it is longer than ${MAX_PATTERN_LENGTH} characters`,
    );
  });
});
