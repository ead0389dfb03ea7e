/**
 * Text functions. A blank text is the empty text (LEN of a blank is 0); positions are 1-based, as in
 * Salesforce; comparisons are case-sensitive.
 */
import type { Big } from 'big.js';
import { type Compiled, NOWHERE, type Run } from '../compiled.js';
import { doubleOf } from '../doubles.js';
import { asText, formatNumber } from '../format.js';
import { charge, checkTextLength, limited, limitedText, MAX_TEXT_LENGTH } from '../limits.js';
import { compileRegex, type LinearRegex, RegexSyntaxError, regexProblem } from '../regex.js';
import { Decimal, type FormulaType, type Value } from '../types.js';
import type { FunctionDef } from './function-def.js';

/** Compiled patterns a REGEX keeps (a literal pattern needs one; one read from records may need many). */
const MAX_CACHED_PATTERNS = 64;

/** Characters as people count them (an emoji is one), without making an array of them. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character in two code units.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

const int = (v: Value): number | null => (v === null ? null : Math.trunc(doubleOf(v as Big)));

const textFn = (
  min: number,
  max: number,
  types: FormulaType[][],
  result: FormulaType,
  fn: (args: Value[]) => Value,
): FunctionDef => ({
  min,
  max,
  type: (args, h) => {
    args.forEach((_, i) => {
      h.expect(i, ...(types[i] ?? types.at(-1) ?? []));
    });
    return result;
  },
  make: (args) => (ctx) => {
    const values = args.map((a) => a.run(ctx));
    for (const v of values) if (typeof v === 'string') charge(v.length);
    return limited(fn(values));
  },
});

const T: FormulaType[] = ['text'];
const N: FormulaType[] = ['number'];

function pad(left: boolean): FunctionDef {
  const def = textFn(2, 3, [T, N, T], 'text', ([s, n, p]) => {
    const length = int(n as Value);
    if (length === null) return null;
    checkTextLength(length);
    const value = asText(s as Value);
    if (value.length >= length) return value.slice(0, Math.max(0, length));
    const filler = p === undefined || p === null || p === '' ? ' ' : asText(p);
    const fill = filler
      .repeat(Math.ceil((length - value.length) / filler.length))
      .slice(0, length - value.length);
    return left ? fill + value : value + fill;
  });
  return {
    ...def,
    type: (args, h) => {
      const length = args[1];
      // A length written in the formula that no text may have fails for every record: refused at once.
      if (length?.constant && (int(length.run(NOWHERE)) ?? 0) > MAX_TEXT_LENGTH)
        h.fail(1, `a formula's text has at most ${MAX_TEXT_LENGTH} characters`, 'limit');
      return def.type(args, h);
    },
  };
}

/** TEXT of any value: numbers without trailing zeros, dates as YYYY-MM-DD, datetimes in ISO 8601 UTC. */
function textOf(type: FormulaType): (v: Value) => Value {
  switch (type) {
    case 'number':
      return (v) => (v === null ? '' : formatNumber(v as Big));
    case 'datetime':
      return (v) => (v === null ? '' : new Date(v as number).toISOString().replace('.000Z', 'Z'));
    case 'boolean':
      return (v) => (v === true ? 'true' : 'false');
    default:
      return (v) => asText(v);
  }
}

export const TEXT_FUNCTIONS: Record<string, FunctionDef> = {
  LEN: {
    ...textFn(1, 1, [T], 'number', ([s]) => new Decimal(codePoints(asText(s as Value)))),
    double:
      ([s]) =>
      (ctx) => {
        const text = asText((s as Compiled).run(ctx));
        charge(text.length);
        return codePoints(text);
      },
  },
  LEFT: textFn(2, 2, [T, N], 'text', ([s, n]) => {
    const count = int(n as Value);
    return count === null ? null : [...asText(s as Value)].slice(0, Math.max(0, count)).join('');
  }),
  RIGHT: textFn(2, 2, [T, N], 'text', ([s, n]) => {
    const count = int(n as Value);
    if (count === null) return null;
    const chars = [...asText(s as Value)];
    return count <= 0 ? '' : chars.slice(-count).join('');
  }),
  MID: textFn(3, 3, [T, N, N], 'text', ([s, start, n]) => {
    const from = int(start as Value);
    const count = int(n as Value);
    if (from === null || count === null) return null;
    return [...asText(s as Value)]
      .slice(Math.max(0, from - 1), Math.max(0, from - 1) + Math.max(0, count))
      .join('');
  }),
  FIND: textFn(2, 3, [T, T, N], 'number', ([search, s, start]) => {
    const from = start === undefined ? 1 : int(start as Value);
    const needle = asText(search as Value);
    if (from === null || from < 1 || needle === '') return new Decimal(0);
    return new Decimal(asText(s as Value).indexOf(needle, from - 1) + 1);
  }),
  CONTAINS: textFn(2, 2, [T, T], 'boolean', ([s, part]) =>
    asText(s as Value).includes(asText(part as Value)),
  ),
  BEGINS: textFn(2, 2, [T, T], 'boolean', ([s, part]) =>
    asText(s as Value).startsWith(asText(part as Value)),
  ),
  UPPER: textFn(1, 2, [T, T], 'text', ([s]) => asText(s as Value).toUpperCase()),
  LOWER: textFn(1, 2, [T, T], 'text', ([s]) => asText(s as Value).toLowerCase()),
  TRIM: textFn(1, 1, [T], 'text', ([s]) => asText(s as Value).trim()),
  SUBSTITUTE: textFn(3, 3, [T, T, T], 'text', ([s, from, to]) => {
    const text = asText(s as Value);
    const old = asText(from as Value);
    if (old === '') return text;
    const parts = text.split(old);
    const replacement = asText(to as Value);
    // Measured before it is made: each replacement may make the text longer.
    checkTextLength(text.length + (parts.length - 1) * (replacement.length - old.length));
    return parts.join(replacement);
  }),
  LPAD: pad(true),
  RPAD: pad(false),
  VALUE: textFn(1, 1, [T], 'number', ([s]) => {
    const t = asText(s as Value).trim();
    if (t === '') return null;
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t))
      throw new RangeError(`VALUE: "${t}" is not a number`);
    return new Decimal(t);
  }),
  REGEX: {
    min: 2,
    max: 2,
    type: (args, h) => {
      h.expect(0, 'text');
      h.expect(1, 'text');
      const pattern = args[1]?.node;
      const problem = pattern?.kind === 'string' ? regexProblem(pattern.value) : undefined;
      if (problem) h.fail(1, `REGEX: the pattern cannot be used: ${problem}`);
      return 'boolean';
    },
    make: ([s, p]): Run => {
      const cache = new Map<string, LinearRegex>();
      return (ctx) => {
        const pattern = asText((p as Compiled).run(ctx));
        let re = cache.get(pattern);
        if (!re) {
          // Patterns read from records could be all different: the cache stays small rather than grow with them.
          if (cache.size >= MAX_CACHED_PATTERNS) cache.clear();
          try {
            re = compileRegex(pattern);
          } catch (error) {
            // A pattern read from a field is only known now: one it cannot run makes no value, as 1/0 does.
            if (error instanceof RegexSyntaxError) throw new RangeError(error.message);
            throw error;
          }
          cache.set(pattern, re);
        }
        const text = asText((s as Compiled).run(ctx));
        charge(text.length);
        // The whole text must match, as Java's matches() does in Salesforce.
        return re.testExact(text);
      };
    },
  },
  TEXT: {
    min: 1,
    max: 1,
    type: () => 'text',
    make: ([a]) => {
      const format = textOf((a as Compiled).type);
      return (ctx) => limitedText(format((a as Compiled).run(ctx)));
    },
  },
};
