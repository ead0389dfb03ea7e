/**
 * The one engine for regular expressions an admin writes: a text field's `pattern` (through ajv, on the server
 * and in the studio alike) and the formula function REGEX. JavaScript's RegExp backtracks, so a pattern such as
 * `^(a+)+$` can take minutes on a 40-character value and freeze the whole process; RE2 (re2js, a pure
 * JavaScript port) matches in time linear in the text, whatever the pattern. The price is what backtracking
 * alone can do: backreferences and lookarounds are refused when the pattern is compiled.
 */
import { RE2JS } from 're2js';

export interface LinearRegex {
  /** Whether the pattern matches somewhere in `text` (as RegExp's `test`). */
  test(text: string): boolean;
  /** Whether the pattern matches the whole of `text`. */
  testExact(text: string): boolean;
}

/** Thrown for a pattern the engine cannot run; `reason` says why, for a person. */
export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`the pattern ${JSON.stringify(pattern)} cannot be used: ${reason}`);
  }
}

/** The longest pattern the engine takes: ample for any format, and a pattern compiles in no time. */
export const MAX_PATTERN_LENGTH = 1000;

/** ECMAScript's `\p{Script=Han}`, `\p{gc=Lu}`: RE2 names the script or category alone. */
const PROPERTY = /\\([pP])\{(?:Script|sc|General_Category|gc)=/y;
const BRACED = /\\u\{([0-9a-fA-F]{1,6})\}/y;
const UNIT = /\\u([0-9a-fA-F]{4})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?/y;

const at = (re: RegExp, text: string, index: number): RegExpExecArray | null => {
  re.lastIndex = index;
  return re.exec(text);
};

/** A `\uXXXX` escape, with the low half of a surrogate pair when one follows the high half. */
function unitEscape(m: RegExpExecArray): { code: number; length: number } {
  const high = Number.parseInt(m[1] as string, 16);
  if (m[2] === undefined || high < 0xd800 || high > 0xdbff) return { code: high, length: 6 };
  return { code: 0x10000 + ((high - 0xd800) << 10) + (Number.parseInt(m[2], 16) - 0xdc00), length: 12 };
}

/**
 * JSON Schema writes patterns in ECMAScript syntax, where `\uXXXX` (and `\u{X…}`) name a character and
 * `\p{Script=Han}` a script; RE2 spells those `\x{X…}` and `\p{Han}`. Rewrites those escapes (a surrogate pair
 * as the one character it encodes) and leaves every other character, and every other escape, as it is.
 */
function fromEcmaEscapes(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const property = at(PROPERTY, pattern, i);
    const braced = property ? null : at(BRACED, pattern, i);
    const unit = property || braced ? null : at(UNIT, pattern, i);
    if (property) {
      out += `\\${property[1]}{`;
      i += property[0].length - 1;
    } else if (braced) {
      out += `\\x{${braced[1]}}`;
      i += braced[0].length - 1;
    } else if (unit) {
      const { code, length } = unitEscape(unit);
      out += `\\x{${code.toString(16)}}`;
      i += length - 1;
    } else {
      // Any other escape is copied whole, so `\\u0041` stays a backslash and "u0041".
      out += c + (pattern[i + 1] ?? '');
      i++;
    }
  }
  return out;
}

/** RE2's "invalid escape sequence: `\1`" does not say why a pattern that RegExp takes is refused: say it. */
function explain(message: string): string {
  const reason = message.replace(/^error parsing regexp: /, '');
  if (/`\\[1-9]/.test(reason) || /`\\k/.test(reason))
    return `${reason} (backreferences are not supported: patterns run in linear time)`;
  if (/`\(\?[=!<]/.test(reason))
    return `${reason} (lookarounds are not supported: patterns run in linear time)`;
  return reason;
}

/** Compiles `pattern` for the linear-time engine, or throws a RegexSyntaxError saying why it cannot be used. */
export function compileRegex(pattern: string): LinearRegex {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new RegexSyntaxError(pattern.slice(0, 40), `it is longer than ${MAX_PATTERN_LENGTH} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(fromEcmaEscapes(pattern));
  } catch (error) {
    throw new RegexSyntaxError(pattern, explain((error as Error).message));
  }
  return { test: (text) => re.test(text), testExact: (text) => re.testExact(text) };
}

/** Why `pattern` cannot be used, or undefined when it can. */
export function regexProblem(pattern: string): string | undefined {
  try {
    compileRegex(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof RegexSyntaxError) return error.reason;
    throw error;
  }
}
