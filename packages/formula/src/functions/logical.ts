/**
 * Logical functions: IF, CASE, AND, OR, NOT, ISBLANK, BLANKVALUE, ISPICKVAL, and the ones of formulas that
 * judge a write (validation rules, automation conditions): ISNEW, ISCHANGED, PRIORVALUE. IF, CASE, AND, OR and
 * BLANKVALUE evaluate only the arguments they need.
 */
import type { Compiled } from '../compiled.js';
import { fieldValue } from '../field-values.js';
import { type FormulaType, isBlank, isDecimal, type Value } from '../types.js';
import { type CheckHelpers, type FunctionDef, judgesWrite } from './function-def.js';

const truthy = (v: Value) => v === true;

/** Two branches must agree on a type; NULL fits any. Numbers of any kind are one type. */
export function commonType(types: readonly FormulaType[], h: CheckHelpers, firstIndex: number): FormulaType {
  let found: FormulaType = 'null';
  types.forEach((t, i) => {
    if (t === 'null') return;
    if (found === 'null') found = t;
    else if (t !== found)
      h.fail(firstIndex + i, `every result must be of one type: ${found} and ${t} do not mix`);
  });
  return found;
}

/** Equality of two values of one type, as CASE and ISPICKVAL compare. */
export function same(a: Value, b: Value): boolean {
  if (a === null || b === null) return isBlank(a) && isBlank(b);
  if (isDecimal(a) && isDecimal(b)) return a.eq(b);
  return a === b;
}

const judgingWriteOnly = (name: string, h: CheckHelpers) => {
  if (!judgesWrite(h.purpose))
    h.fail(-1, `${name} can only be used in validation rules and automation conditions`);
};

const fieldArgument = (name: string, args: readonly Compiled[], h: CheckHelpers) => {
  if (args[0]?.node.kind !== 'field') h.fail(0, `${name} takes a field, not an expression`);
  return args[0]?.node.kind === 'field' ? args[0].node.path : [];
};

export const LOGICAL: Record<string, FunctionDef> = {
  IF: {
    min: 3,
    max: 3,
    type: (args, h) => {
      h.expect(0, 'boolean');
      return commonType([args[1]?.type, args[2]?.type] as FormulaType[], h, 1);
    },
    make:
      ([cond, then, otherwise]) =>
      (ctx) =>
        truthy((cond as Compiled).run(ctx)) ? (then as Compiled).run(ctx) : (otherwise as Compiled).run(ctx),
  },
  CASE: {
    min: 4,
    max: 1000,
    type: (args, h) => {
      if (args.length % 2 !== 0)
        h.fail(args.length - 1, 'CASE needs pairs of value and result, then an else result');
      const subject = args[0]?.type as FormulaType;
      for (let i = 1; i < args.length - 1; i += 2) {
        const t = args[i]?.type as FormulaType;
        const comparable = subject === 'picklist' ? t === 'text' : t === subject;
        if (t !== 'null' && subject !== 'null' && !comparable)
          h.fail(i, `CASE compares ${subject} with ${t}: the values must be of the subject's type`);
      }
      const results = args.filter((_, i) => i > 0 && (i % 2 === 0 || i === args.length - 1));
      return commonType(
        results.map((a) => a.type),
        h,
        2,
      );
    },
    make: (args) => (ctx) => {
      const subject = (args[0] as Compiled).run(ctx);
      for (let i = 1; i < args.length - 1; i += 2)
        if (same(subject, (args[i] as Compiled).run(ctx))) return (args[i + 1] as Compiled).run(ctx);
      return (args[args.length - 1] as Compiled).run(ctx);
    },
  },
  AND: {
    min: 1,
    max: 1000,
    type: (_args, h) => {
      h.expectAll('boolean');
      return 'boolean';
    },
    make: (args) => (ctx) => args.every((a) => truthy(a.run(ctx))),
  },
  OR: {
    min: 1,
    max: 1000,
    type: (_args, h) => {
      h.expectAll('boolean');
      return 'boolean';
    },
    make: (args) => (ctx) => args.some((a) => truthy(a.run(ctx))),
  },
  NOT: {
    min: 1,
    max: 1,
    type: (_, h) => {
      h.expect(0, 'boolean');
      return 'boolean';
    },
    make:
      ([a]) =>
      (ctx) =>
        !truthy((a as Compiled).run(ctx)),
  },
  ISBLANK: {
    min: 1,
    max: 1,
    type: () => 'boolean',
    make:
      ([a]) =>
      (ctx) =>
        isBlank((a as Compiled).run(ctx)),
  },
  BLANKVALUE: {
    min: 2,
    max: 2,
    type: (args, h) => commonType([args[0]?.type, args[1]?.type] as FormulaType[], h, 0),
    make:
      ([a, b]) =>
      (ctx) => {
        const v = (a as Compiled).run(ctx);
        return isBlank(v) ? (b as Compiled).run(ctx) : v;
      },
  },
  ISPICKVAL: {
    min: 2,
    max: 2,
    type: (args, h) => {
      h.expect(0, 'picklist');
      if (args[1]?.node.kind !== 'string')
        h.fail(1, 'ISPICKVAL compares with a text literal, such as "Closed"');
      return 'boolean';
    },
    make:
      ([a, b]) =>
      (ctx) =>
        same((a as Compiled).run(ctx), (b as Compiled).run(ctx)),
  },
  ISNEW: {
    min: 0,
    max: 0,
    type: (_, h) => {
      judgingWriteOnly('ISNEW', h);
      return 'boolean';
    },
    make: () => (ctx) => ctx.isNew === true,
  },
  ISCHANGED: {
    min: 1,
    max: 1,
    type: (args, h) => {
      judgingWriteOnly('ISCHANGED', h);
      fieldArgument('ISCHANGED', args, h);
      return 'boolean';
    },
    make: ([a]) => {
      const path = a?.node.kind === 'field' ? a.node.path : [];
      return (ctx) =>
        !ctx.isNew &&
        ctx.prior !== undefined &&
        !same(fieldValue(ctx.prior(path), (a as Compiled).type), (a as Compiled).run(ctx));
    },
  },
  PRIORVALUE: {
    min: 1,
    max: 1,
    type: (args, h) => {
      judgingWriteOnly('PRIORVALUE', h);
      fieldArgument('PRIORVALUE', args, h);
      return args[0]?.type as FormulaType;
    },
    make: ([a]) => {
      const path = a?.node.kind === 'field' ? a.node.path : [];
      // On create there is no prior value: the current one stands in, as in Salesforce.
      return (ctx) =>
        ctx.prior && !ctx.isNew
          ? fieldValue(ctx.prior(path), (a as Compiled).type)
          : (a as Compiled).run(ctx);
    },
  },
};
