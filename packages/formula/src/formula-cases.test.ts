/**
 * The formula language, case by case: formula, record, expected value (as JSON) or expected error (code and
 * column). Fields: amount, quantity, rate (numbers), name, city, notes (text), stage (picklist), active
 * (checkbox), close_date (date), created (datetime), account_id.name and account_id.tier across a lookup.
 * TODAY() is 2024-02-29 and NOW() 2024-02-29T10:00:00Z throughout.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula } from './compile.js';
import { FormulaError } from './errors.js';
import type { FormulaPurpose } from './functions/function-def.js';
import { FormulaLimitError } from './limits.js';
import type { FormulaType } from './types.js';

const FIELDS: Record<string, FormulaType> = {
  amount: 'number',
  quantity: 'number',
  rate: 'number',
  name: 'text',
  city: 'text',
  notes: 'text',
  stage: 'picklist',
  active: 'boolean',
  close_date: 'date',
  created: 'datetime',
  'account_id.name': 'text',
  'account_id.tier': 'picklist',
};

type Row = Record<string, unknown>;
const RECORD: Row = {
  amount: 1250.5,
  quantity: 3,
  rate: 0.1,
  name: 'Acme Ltd',
  city: '上海',
  notes: null,
  stage: 'Closed Won',
  active: true,
  close_date: '2024-01-31',
  created: '2024-02-28T22:30:00.000Z',
  'account_id.name': 'Acme Holdings',
  'account_id.tier': 'Gold',
};

type Expected = { value: unknown } | { error: string; column?: number };
type Case = [formula: string, expected: Expected, record?: Row, purpose?: FormulaPurpose, prior?: Row];
const v = (value: unknown): Expected => ({ value });
const err = (error: string, column?: number): Expected => ({ error, ...(column ? { column } : {}) });

const CASES: Case[] = [
  // Literals and arithmetic, exact decimals
  ['1 + 2', v(3)],
  ['0.1 + 0.2', v(0.3)],
  ['0.1 + 0.2 = 0.3', v(true)],
  ['10 / 4', v(2.5)],
  ['1 / 3 * 3', v(1)],
  ['2 ^ 10', v(1024)],
  ['2 ^ 0.5', v(Math.SQRT2)],
  ['-2 ^ 2', v(-4)],
  ['(-2) ^ 2', v(4)],
  ['2 * 3 + 4', v(10)],
  ['2 * (3 + 4)', v(14)],
  ['10 - 2 - 3', v(5)],
  ['2 ^ 3 ^ 2', v(512)],
  ['amount * quantity', v(3751.5)],
  ['amount * rate', v(125.05)],
  ['amount - 0.5', v(1250)],
  ['-amount', v(-1250.5)],
  ['+quantity', v(3)],
  ['1e3 + 1', v(1001)],
  ['.5 + .25', v(0.75)],
  ['19.99 * 3', v(59.97)],
  ['1 / 0', err('runtime')],
  ['amount / (quantity - 3)', err('runtime')],
  // Blanks in arithmetic
  ['amount + quantity', v(null), { amount: null, quantity: 2 }],
  ['BLANKVALUE(amount, 0) + quantity', v(2), { amount: null, quantity: 2 }],
  ['NULLVALUE(amount, 7)', v(7), { amount: null }],
  ['ISBLANK(amount)', v(true), { amount: null }],
  ['ISBLANK(amount)', v(false), { amount: 0 }],
  ['ISNULL(notes)', v(true)],
  ['ISBLANK(notes)', v(true), { notes: '' }],
  ['ISBLANK(name)', v(false)],
  ['ISBLANK(close_date)', v(true), { close_date: null }],
  ['amount = NULL', v(true), { amount: null }],
  ['amount <> NULL', v(true)],
  ['amount > 5', v(false), { amount: null }],
  ['amount < 5', v(false), { amount: null }],
  // Comparison
  ['amount > 1000', v(true)],
  ['amount >= 1250.5', v(true)],
  ['amount < 1250.5', v(false)],
  ['amount <= 1250.50', v(true)],
  ['quantity = 3', v(true)],
  ['quantity == 3', v(true)],
  ['quantity != 3', v(false)],
  ['quantity <> 4', v(true)],
  ['name = "Acme Ltd"', v(true)],
  ['name = "acme ltd"', v(false)],
  ['"a" < "b"', v(true)],
  ['close_date < DATE(2024, 2, 1)', v(true)],
  ['created > DATETIMEVALUE("2024-02-28 00:00:00")', v(true)],
  ['active = TRUE', v(true)],
  ['stage = "Closed Won"', v(true)],
  // Logic
  ['AND(amount > 1000, quantity > 2)', v(true)],
  ['AND(amount > 1000, quantity > 5)', v(false)],
  ['OR(amount > 5000, quantity > 2)', v(true)],
  ['OR(FALSE, FALSE, FALSE)', v(false)],
  ['NOT(active)', v(false)],
  ['!active', v(false)],
  ['amount > 1000 && quantity > 2', v(true)],
  ['amount > 5000 || quantity > 2', v(true)],
  ['TRUE || 1 / 0 = 1', v(true)],
  ['IF(amount > 1000, "big", "small")', v('big')],
  ['IF(amount > 5000, "big", "small")', v('small')],
  ['IF(amount > 1000, 1, NULL)', v(1)],
  ['IF(amount > 5000, 1, NULL)', v(null)],
  ['IF(FALSE, 1 / 0, 2)', v(2)],
  ['IF(active, amount, 0)', v(0), { active: false }],
  ['IF(amount > 5, "x", "y")', v('y'), { amount: null }],
  ['CASE(quantity, 1, "one", 2, "two", 3, "three", "many")', v('three')],
  ['CASE(quantity, 1, "one", 2, "two", "many")', v('many')],
  ['CASE(stage, "Prospecting", 10, "Closed Won", 100, 0)', v(100)],
  ['CASE(city, "上海", "SH", "北京", "BJ", "other")', v('SH')],
  ['CASE(MONTH(close_date), 1, "Jan", 2, "Feb", "later")', v('Jan')],
  ['ISPICKVAL(stage, "Closed Won")', v(true)],
  ['ISPICKVAL(stage, "Closed Lost")', v(false)],
  ['ISPICKVAL(stage, "")', v(true), { stage: null }],
  ['ISPICKVAL(account_id.tier, "Gold")', v(true)],
  // Text
  ['name & " / " & city', v('Acme Ltd / 上海')],
  ['name + "!"', v('Acme Ltd!')],
  ['notes & "x"', v('x')],
  ['"" & ""', v(null)],
  ['LEN(name)', v(8)],
  ['LEN(city)', v(2)],
  ['LEN(notes)', v(0)],
  ['LEN("😀a😀")', v(3)],
  ['LEN("\uD83D")', v(1)],
  ['LEN(name) = 8', v(true)],
  ['LEN(name) > 7.5', v(true)],
  ['LEN(notes) <> 0', v(false)],
  ['LEFT(name, 4)', v('Acme')],
  ['LEFT(name, 0)', v(null)],
  ['LEFT(name, 100)', v('Acme Ltd')],
  ['RIGHT(name, 3)', v('Ltd')],
  ['RIGHT(name, -1)', v(null)],
  ['MID(name, 6, 3)', v('Ltd')],
  ['MID(name, 1, 1)', v('A')],
  ['MID(city, 2, 1)', v('海')],
  ['FIND("Ltd", name)', v(6)],
  ['FIND("x", name)', v(0)],
  ['FIND("c", "abcabc", 4)', v(6)],
  ['CONTAINS(name, "cme")', v(true)],
  ['CONTAINS(name, "CME")', v(false)],
  ['BEGINS(name, "Acme")', v(true)],
  ['BEGINS(name, "Ltd")', v(false)],
  ['UPPER(name)', v('ACME LTD')],
  ['LOWER(name)', v('acme ltd')],
  ['TRIM("  padded  ")', v('padded')],
  ['SUBSTITUTE(name, "Ltd", "Limited")', v('Acme Limited')],
  ['SUBSTITUTE("a-b-c", "-", "")', v('abc')],
  ['LPAD("7", 3, "0")', v('007')],
  ['LPAD("12345", 3, "0")', v('123')],
  ['RPAD("ab", 5, "xy")', v('abxyx')],
  ['RPAD("ab", 4)', v('ab  ')],
  ['TEXT(amount)', v('1250.5')],
  ['TEXT(quantity * 1.00)', v('3')],
  ['TEXT(close_date)', v('2024-01-31')],
  ['TEXT(created)', v('2024-02-28T22:30:00Z')],
  ['TEXT(stage)', v('Closed Won')],
  ['TEXT(active)', v('true')],
  ['TEXT(0.000001)', v('0.000001')],
  ['VALUE("42.50") + 1', v(43.5)],
  ['VALUE(" 7 ")', v(7)],
  ['VALUE("abc")', err('runtime')],
  ['VALUE("")', v(null)],
  ['REGEX("SN-1234", "SN-[0-9]{4}")', v(true)],
  ['REGEX("SN-1234x", "SN-[0-9]{4}")', v(false)],
  ['REGEX(city, "\\\\p{Script=Han}+")', v(true)],
  // Linear time: RegExp would take minutes on this value.
  ['REGEX(name, "(a+)+")', v(false), { name: `${'a'.repeat(50_000)}!` }],
  ['REGEX(name, "(a+)+")', v(true), { name: 'a'.repeat(50_000) }],
  ['REGEX(name, city)', err('runtime'), { city: '(a)\\1' }],
  ['"line\\nbreak"', v('line\nbreak')],
  ['\'single\' & "double"', v('singledouble')],
  ['account_id.name', v('Acme Holdings')],
  ['account_id.name & " (" & TEXT(account_id.tier) & ")"', v('Acme Holdings (Gold)')],
  [
    'HYPERLINK("https://x.example/?q=" & name, name)',
    v('<a href="https://x.example/?q=Acme Ltd">Acme Ltd</a>'),
  ],
  ['HYPERLINK(name, name)', v('<a href="&lt;b&gt;&quot;">&lt;b&gt;&quot;</a>'), { name: '<b>"' }],
  [
    'HYPERLINK("/x", IMAGE("/i.png", "alt"), "_blank")',
    v('<a href="/x" target="_blank"><img src="/i.png" alt="alt"/></a>'),
  ],
  [
    'IMAGE("/flag.gif", "Flag", 15, quantity * 10)',
    v('<img src="/flag.gif" alt="Flag" height="15" width="30"/>'),
  ],
  // Links of http, https, mailto and tel, or relative ones; any other scheme makes no link at all.
  ['HYPERLINK("mailto:a@b.example", "Mail")', v('<a href="mailto:a@b.example">Mail</a>')],
  ['HYPERLINK("TEL:+8613800000000", "Call")', v('<a href="TEL:+8613800000000">Call</a>')],
  ['HYPERLINK("javascript:alert(1)", "Click")', v('Click')],
  ['HYPERLINK(name, "Click")', v('Click'), { name: ' \u0001JaVa\tScRipt:alert(1)' }],
  ['HYPERLINK("data:text/html,x", IMAGE("/i.png", "alt"))', v('<img src="/i.png" alt="alt"/>')],
  ['IMAGE("javascript:alert(1)", "a<b")', v('a&lt;b')],
  ['IMAGE("vbscript:x", "alt", 10)', v('alt')],
  // A character reference cannot spell a scheme in a relative link: its ampersands are escaped.
  ['HYPERLINK("javascript&colon;alert(1)", "x")', v('<a href="javascript&amp;colon;alert(1)">x</a>')],
  ['HYPERLINK("/find?a=1&b=2", "x")', v('<a href="/find?a=1&amp;b=2">x</a>')],
  ['HYPERLINK("https://x.example/?a=1&b=2", "x")', v('<a href="https://x.example/?a=1&b=2">x</a>')],
  // Limits: text a formula makes, digits of numbers, work per evaluation.
  ['LEN(LPAD(name, 10000, "x"))', v(10000)],
  ['LPAD(name, 200000000, "x")', err('limit', 12)],
  ['RPAD("", 10001)', err('limit', 10)],
  ['LPAD(name, quantity * 100000000, "x")', err('limit')],
  ['LEN(SUBSTITUTE(name, "a", "aa"))', v(10000), { name: 'a'.repeat(5000) }],
  ['SUBSTITUTE(name, "a", "aaa")', err('limit'), { name: 'a'.repeat(5000) }],
  ['LEN(name & notes)', err('limit'), { notes: 'x'.repeat(10_000) }],
  ['LEN(notes)', v(100_000), { notes: 'x'.repeat(100_000) }],
  ['LEN(UPPER(notes))', err('limit'), { notes: 'x'.repeat(10_001) }],
  [Array(101).fill('LEN(notes)').join(' + '), err('limit'), { notes: 'x'.repeat(100_000) }],
  ['(9 ^ 999) ^ 60 > 0', err('limit', 11)],
  ['(amount ^ 999) ^ 60 > 0', err('limit'), { amount: 9 }],
  ['9 ^ 999 > 0', v(true)],
  ['amount * 10 ^ 999 * 10 ^ 999', err('limit')],
  ['1.05 ^ 30', v(4.321942375150668)],
  ['ROUND((1 + 0.06 / 12) ^ 360, 6)', v(6.022575)],
  ['(-8) ^ 0.5', err('runtime')],
  ['LEN(TEXT(VALUE(name)))', v(1000), { name: '1e999' }],
  ['LEN(TEXT(VALUE(name)))', err('limit'), { name: '1e1000000000' }],
  // Math
  ['ABS(-3.5)', v(3.5)],
  ['ROUND(2.5, 0)', v(3)],
  ['ROUND(-2.5, 0)', v(-3)],
  ['ROUND(1.005, 2)', v(1.01)],
  ['ROUND(1234.5678, -2)', v(1200)],
  ['ROUND(amount * rate, 1)', v(125.1)],
  ['CEILING(2.1)', v(3)],
  ['CEILING(-2.1)', v(-3)],
  ['FLOOR(2.9)', v(2)],
  ['FLOOR(-2.9)', v(-2)],
  ['MOD(10, 3)', v(1)],
  ['MOD(-10, 3)', v(-1)],
  ['MOD(10.5, 3)', v(1.5)],
  ['MOD(1, 0)', err('runtime')],
  ['MAX(1, 5, 3)', v(5)],
  ['MIN(1, 5, 3)', v(1)],
  ['MAX(amount, 2000)', v(2000)],
  ['MIN(amount, quantity)', v(null), { amount: null, quantity: 1 }],
  ['SQRT(16)', v(4)],
  ['SQRT(2) * SQRT(2)', v(2)],
  ['SQRT(-1)', err('runtime')],
  ['EXP(0)', v(1)],
  ['LN(1)', v(0)],
  ['LOG(1000)', v(3)],
  // Dates
  ['TODAY()', v('2024-02-29')],
  ['NOW()', v('2024-02-29T10:00:00.000Z')],
  ['DATE(2024, 2, 29)', v('2024-02-29')],
  ['DATE(2023, 2, 29)', err('runtime')],
  ['DATE(2024, 13, 1)', err('runtime')],
  ['DATEVALUE("2024-03-01")', v('2024-03-01')],
  ['DATEVALUE(created)', v('2024-02-28')],
  ['DATEVALUE("March 1")', err('runtime')],
  ['YEAR(close_date)', v(2024)],
  ['MONTH(close_date)', v(1)],
  ['DAY(close_date)', v(31)],
  ['WEEKDAY(DATE(2024, 2, 25))', v(1)],
  ['WEEKDAY(DATE(2024, 3, 2))', v(7)],
  ['WEEKDAY(DATE(1970, 1, 1))', v(5)],
  ['close_date + 1', v('2024-02-01')],
  ['close_date + 30', v('2024-03-01')],
  ['DATE(2023, 12, 31) + 1', v('2024-01-01')],
  ['DATE(2024, 3, 1) - 1', v('2024-02-29')],
  ['DATE(2023, 3, 1) - 1', v('2023-02-28')],
  ['5 + close_date', v('2024-02-05')],
  ['TODAY() - close_date', v(29)],
  ['DATE(2025, 1, 1) - DATE(2024, 1, 1)', v(366)],
  ['DATE(2024, 1, 1) - DATE(2025, 1, 1)', v(-366)],
  ['ADDMONTHS(close_date, 1)', v('2024-02-29')],
  ['ADDMONTHS(DATE(2023, 1, 31), 1)', v('2023-02-28')],
  ['ADDMONTHS(DATE(2024, 2, 29), 12)', v('2025-02-28')],
  ['ADDMONTHS(DATE(2024, 1, 15), -1)', v('2023-12-15')],
  ['ADDMONTHS(DATE(2024, 4, 30), 1)', v('2024-05-31')],
  ['NOW() - created', v(11.5 / 24)],
  ['created + 1', v('2024-02-29T22:30:00.000Z')],
  ['created - 0.5', v('2024-02-28T10:30:00.000Z')],
  ['DATETIMEVALUE("2024-02-29")', v('2024-02-29T00:00:00.000Z')],
  ['YEAR(DATE(2000, 2, 29))', v(2000)],
  ['ISBLANK(DATE(YEAR(close_date), 2, 29))', v(false)],
  ['close_date + quantity', v(null), { close_date: null, quantity: 3 }],
  // Validation-rule functions
  ['ISNEW()', v(true), {}, 'validation'],
  ['ISCHANGED(amount)', v(true), { amount: 2 }, 'validation', { amount: 1 }],
  ['ISCHANGED(amount)', v(false), { amount: 1 }, 'validation', { amount: 1 }],
  ['PRIORVALUE(amount) + 1', v(2), { amount: 5 }, 'validation', { amount: 1 }],
  [
    'AND(ISCHANGED(stage), ISPICKVAL(PRIORVALUE(stage), "Closed Won"))',
    v(true),
    { stage: 'Open' },
    'validation',
    { stage: 'Closed Won' },
  ],
  ['ISNEW()', err('type', 1)],
  ['ISCHANGED(amount)', err('type', 1)],
  ['ISCHANGED(amount + 1)', err('type', 18), {}, 'validation'],
  // Automation conditions judge a write too; defaults do not.
  ['ISNEW()', v(true), {}, 'automation'],
  ['ISNEW()', v(false), {}, 'automation', { amount: 1 }],
  [
    'AND(ISCHANGED(stage), ISPICKVAL(stage, "Open"))',
    v(true),
    { stage: 'Open' },
    'automation',
    { stage: 'New' },
  ],
  ['ISCHANGED(stage)', v(false), { stage: 'Open' }, 'automation', { stage: 'Open' }],
  ['PRIORVALUE(amount) * 2', v(2), { amount: 5 }, 'automation', { amount: 1 }],
  ['PRIORVALUE(amount)', err('type', 1), {}, 'default'],
  ['ISCHANGED(amount)', err('type', 1), {}, 'default'],
  // Errors with positions: syntax
  ['', err('syntax', 1)],
  ['1 +', err('syntax', 4)],
  ['(1 + 2', err('syntax', 7)],
  ['1 + 2)', err('syntax', 6)],
  ['IF(TRUE, 1 2)', err('syntax', 12)],
  ['"unclosed', err('syntax', 1)],
  ['1 # 2', err('syntax', 3)],
  ['12abc', err('syntax', 3)],
  ['"bad \\q escape"', err('syntax', 6)],
  ['/* open comment', err('syntax', 1)],
  ['1 + /* two */ 2', v(3)],
  // Errors with positions: names and types
  ['colour = "red"', err('unknown_field', 1)],
  ['amount + nope', err('unknown_field', 10)],
  ['account_id.missing', err('unknown_field', 1)],
  ['FOO(1)', err('unknown_function', 1)],
  ['IF(TRUE, 1)', err('arity', 1)],
  ['LEN()', err('arity', 1)],
  ['LEN(amount)', err('type', 5)],
  ['amount + "x"', err('type', 8)],
  ['name * 2', err('type', 6)],
  ['IF(amount, 1, 2)', err('type', 4)],
  ['IF(TRUE, 1, "one")', err('type', 13)],
  ['AND(TRUE, 1)', err('type', 11)],
  ['stage = 3', err('type', 7)],
  ['stage & "x"', v('Closed Wonx')],
  ['ISPICKVAL(name, "x")', err('type', 11)],
  ['ISPICKVAL(stage, name)', err('type', 18)],
  ['close_date + close_date', err('type', 12)],
  ['active > FALSE', err('type', 8)],
  ['DATE(2024, "2", 1)', err('type', 12)],
  ['CASE(quantity, "1", "one", "other")', err('type', 16)],
  ['CASE(quantity, 1, "one")', err('arity', 1)],
  ['REGEX(name, "[")', err('type', 13)],
  ['REGEX(name, "(a)\\\\1")', err('type', 13)],
  ['REGEX(name, "(?=a)a")', err('type', 13)],
  ['-name', err('type', 2)],
  ['!amount', err('type', 2)],
  ['MAX()', err('arity', 1)],
  ['IF(\n  amount > 1,\n  nope,\n  0)', err('unknown_field', 3)],
  // Comparisons of stored numbers and literals (taken on doubles where that is exact) as decimals compare.
  ['rate > 0.1', v(false)],
  ['rate >= 0.1', v(true)],
  ['rate < 0.1000000000000000000001', v(true)],
  ['rate >= 0.1000000000000000000001', v(false)],
  ['amount < 1250.50000000000000001', v(true)],
  ['0.30000000000000004 > rate * 3', v(true)],
  ['quantity <= -quantity', v(false)],
  ['amount > quantity', v(true)],
  ['amount > 1', v(false), { amount: null }],
  ['amount > 100', v(true), { amount: '1250.5' }],
  ['amount < 1250.500000000000000001', v(true), { amount: '1250.5' }],
  ['rate = 0.1', v(true)],
  ['rate <> 0.1', v(false)],
  ['rate = 0.1000000000000000000001', v(false)],
  ['rate <> quantity', v(true)],
  ['amount <> 5', v(false), { amount: null }],
  ['amount = 1250.5', v(true), { amount: '1250.50' }],
];

function run([formula, , record = RECORD, purpose = 'field', prior]: Case): {
  value?: unknown;
  error?: FormulaError;
} {
  const values = { ...RECORD, ...record };
  try {
    const compiled = compileFormula(formula, { field: (path) => FIELDS[path.join('.')], purpose });
    const value = compiled.evaluate({
      value: (path) => values[path.join('.')] ?? null,
      ...(prior
        ? { prior: (path: readonly string[]) => prior[path.join('.')] ?? null, isNew: false }
        : { isNew: purpose !== 'field' && !prior }),
      now: Date.parse('2024-02-29T10:00:00Z'),
      today: '2024-02-29',
    });
    return { value };
  } catch (error) {
    if (error instanceof FormulaError) return { error };
    if (error instanceof FormulaLimitError)
      return { error: new FormulaError('limit', error.message, { offset: 0, line: 1, column: 1 }) };
    if (error instanceof RangeError)
      return { error: new FormulaError('runtime', error.message, { offset: 0, line: 1, column: 1 }) };
    throw error;
  }
}

describe('formula cases', () => {
  it('has at least 150 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CASES.map((c, i) => [i, c[0], c] as const))('#%i %s', (_, __, c) => {
    const expected = c[1];
    const result = run(c);
    if ('error' in expected) {
      expect(result.error?.code, `value ${JSON.stringify(result.value)}`).toBe(expected.error);
      if (expected.column) expect(result.error?.position.column).toBe(expected.column);
      return;
    }
    expect(result.error, result.error?.message).toBeUndefined();
    if (
      typeof expected.value === 'number' &&
      !Number.isInteger(expected.value) &&
      typeof result.value === 'number'
    )
      expect(result.value).toBeCloseTo(expected.value, 12);
    else expect(result.value).toEqual(expected.value);
  });
});
