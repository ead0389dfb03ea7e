/**
 * Date functions. Dates are calendar days with no time zone; NOW() is an instant; TODAY() is the day in the
 * user's time zone, given by whoever runs the formula. DATE of a day that does not exist is an error.
 */
import type { Big } from 'big.js';
import type { Compiled } from '../compiled.js';
import { addMonths, datetimeToDay, dayNumber, makeDate, parts } from '../dates.js';
import { doubleOf } from '../doubles.js';
import { Decimal, type Value } from '../types.js';
import type { FunctionDef } from './function-def.js';

const int = (v: Value) => Math.trunc(doubleOf(v as Big));

const ofDate = (fn: (date: string) => number): FunctionDef => ({
  min: 1,
  max: 1,
  type: (_, h) => {
    h.expect(0, 'date');
    return 'number';
  },
  make:
    ([a]) =>
    (ctx) => {
      const v = (a as Compiled).run(ctx);
      return v === null ? null : new Decimal(fn(v as string));
    },
});

function dateOf(v: Value, type: string): Value {
  if (v === null || v === '') return null;
  if (type === 'datetime') return datetimeToDay(v as number);
  const t = String(v).trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  const date = m && makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) throw new RangeError(`DATEVALUE: "${t}" is not a date (YYYY-MM-DD)`);
  return date;
}

export const DATE_FUNCTIONS: Record<string, FunctionDef> = {
  TODAY: { min: 0, max: 0, type: () => 'date', make: () => (ctx) => ctx.today },
  NOW: { min: 0, max: 0, type: () => 'datetime', make: () => (ctx) => ctx.now },
  DATE: {
    min: 3,
    max: 3,
    type: (_args, h) => {
      h.expectAll('number');
      return 'date';
    },
    make: (args) => (ctx) => {
      const [y, m, d] = args.map((a) => a.run(ctx)) as [Value, Value, Value];
      if (y === null || m === null || d === null) return null;
      const date = makeDate(int(y), int(m), int(d));
      if (!date) throw new RangeError(`DATE(${int(y)}, ${int(m)}, ${int(d)}) is not a day of the calendar`);
      return date;
    },
  },
  DATEVALUE: {
    min: 1,
    max: 1,
    type: (_, h) => {
      h.expect(0, 'text', 'datetime', 'date');
      return 'date';
    },
    make:
      ([a]) =>
      (ctx) =>
        dateOf((a as Compiled).run(ctx), (a as Compiled).type),
  },
  DATETIMEVALUE: {
    min: 1,
    max: 1,
    type: (_, h) => {
      h.expect(0, 'text', 'date');
      return 'datetime';
    },
    make:
      ([a]) =>
      (ctx) => {
        const v = (a as Compiled).run(ctx);
        if (v === null || v === '') return null;
        // "YYYY-MM-DD hh:mm:ss" is GMT in Salesforce; a date alone is its midnight GMT.
        const t = String(v).trim().replace(' ', 'T');
        const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) || !t.includes('T') ? t : `${t}Z`);
        if (Number.isNaN(ms)) throw new RangeError(`DATETIMEVALUE: "${v}" is not a date and time`);
        return ms;
      },
  },
  YEAR: ofDate((d) => parts(d).year),
  MONTH: ofDate((d) => parts(d).month),
  DAY: ofDate((d) => parts(d).day),
  /** 1 for Sunday to 7 for Saturday. 1970-01-01 (day 0) was a Thursday. */
  WEEKDAY: ofDate((d) => ((((dayNumber(d) + 4) % 7) + 7) % 7) + 1),
  ADDMONTHS: {
    min: 2,
    max: 2,
    type: (_, h) => {
      h.expect(0, 'date');
      h.expect(1, 'number');
      return 'date';
    },
    make:
      ([a, n]) =>
      (ctx) => {
        const date = (a as Compiled).run(ctx);
        const months = (n as Compiled).run(ctx);
        if (date === null || months === null) return null;
        const result = addMonths(date as string, int(months));
        if (!result) throw new RangeError('ADDMONTHS goes past the calendar');
        return result;
      },
  },
};
