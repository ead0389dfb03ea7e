/**
 * Checking and compiling a formula in one pass: every node gets its type (or a FormulaError at its position
 * saying what was expected) and a closure that computes it. Fields are resolved through the environment, so the
 * same compiler serves formula fields, validation rules and defaults of any object. Compile once per metadata
 * version; run per record.
 */

import type { Big } from 'big.js';
import type { BinaryOperator, Node } from './ast.js';
import { type Compiled, NOWHERE, type Run, type RunContext } from './compiled.js';
import { DAY_IN_MS, dayNumber, fromDayNumber } from './dates.js';
import { doubleOf, exactProduct, exactSum } from './doubles.js';
import { FormulaError, type Position, positionAt } from './errors.js';
import { fieldValue } from './field-values.js';
import { asText } from './format.js';
import { checkHelpers, type FormulaPurpose } from './functions/function-def.js';
import { same } from './functions/logical.js';
import { FUNCTIONS } from './functions/registry.js';
import { FormulaLimitError, limitedNumber, limitedText, MAX_NUMBER_DIGITS, startWork } from './limits.js';
import { parse } from './parser.js';
import { Decimal, type FormulaType, isBlank, TYPE_NAMES, type Value } from './types.js';

export interface FormulaEnvironment {
  /** The type of the field a path names (`["customer_id", "name"]` across a lookup), or undefined. */
  field(path: readonly string[]): FormulaType | undefined;
  purpose?: FormulaPurpose;
}

export interface CompiledFormula {
  source: string;
  type: FormulaType;
  /** Every field path the formula reads. */
  fields: string[][];
  /** The value for one record, as JSON: number, text, boolean, `YYYY-MM-DD`, ISO instant, or null. */
  evaluate(ctx: RunContext): unknown;
}

/** Functions whose value depends on when or where they run, never computed ahead (nor stored). */
export const CONTEXTUAL: ReadonlySet<string> = new Set(['TODAY', 'NOW', 'ISNEW', 'ISCHANGED', 'PRIORVALUE']);

/**
 * An expression of constants is computed once, when the formula is compiled (`DATE(2030, 1, 1)`). One that
 * fails (`1 / 0`) is left to fail when it runs, as the language says; one past the limits
 * (`LPAD("", 200000000)`) would fail for every record, and is refused now.
 */
function fold(
  compiled: Compiled,
  parts: readonly Compiled[],
  positionOf: (offset: number) => Position,
): Compiled {
  if (!parts.every((p) => p.constant)) return compiled;
  try {
    startWork();
    const value = compiled.run(NOWHERE);
    return { ...compiled, run: () => value, constant: true };
  } catch (error) {
    if (error instanceof RangeError) return compiled;
    if (error instanceof FormulaLimitError)
      throw new FormulaError('limit', error.message, positionOf(compiled.node.offset));
    throw error;
  }
}

export function compileFormula(source: string, env: FormulaEnvironment): CompiledFormula {
  const tree = parse(source);
  const fields: string[][] = [];
  const positionOf = (offset: number): Position => positionAt(source, offset);
  const fail = (
    node: Node,
    code: 'type' | 'unknown_field' | 'unknown_function' | 'arity',
    message: string,
  ): never => {
    throw new FormulaError(code, message, positionOf(node.offset));
  };

  function compile(node: Node): Compiled {
    switch (node.kind) {
      case 'number': {
        const value = new Decimal(node.text);
        const double = doubleOf(value);
        const exact = new Decimal(double).eq(value);
        return {
          type: 'number',
          node,
          run: () => value,
          constant: true,
          ...(exact ? { double: () => double } : {}),
        };
      }
      case 'string':
        return { type: 'text', node, run: () => node.value, constant: true };
      case 'boolean':
        return { type: 'boolean', node, run: () => node.value, constant: true };
      case 'null':
        return { type: 'null', node, run: () => null, constant: true };
      case 'field': {
        const type = env.field(node.path);
        if (!type) fail(node, 'unknown_field', `there is no field "${node.path.join('.')}"`);
        fields.push(node.path);
        const path = node.path;
        const key = path.join('.');
        const read = (ctx: RunContext) => fieldValue(ctx.value(path), type as FormulaType);
        return {
          type: type as FormulaType,
          node,
          ...(type === 'number' ? { double: (ctx: RunContext) => storedDouble(ctx.value(path)) } : {}),
          // A record's field is read (and made a decimal) once however many formulas and rules read it.
          run: (ctx) => {
            const memo = ctx.memo;
            if (!memo) return read(ctx);
            if (memo.has(key)) return memo.get(key) as Value;
            const value = read(ctx);
            memo.set(key, value);
            return value;
          },
        };
      }
      case 'unary': {
        const operand = compile(node.operand);
        return fold(unary(node, operand), [operand], positionOf);
      }
      case 'binary': {
        const left = compile(node.left);
        const right = compile(node.right);
        return fold(binary(node, left, right), [left, right], positionOf);
      }
      case 'call': {
        const def = FUNCTIONS[node.name];
        if (!def) return fail(node, 'unknown_function', `there is no function ${node.name}`);
        if (node.args.length < def.min || node.args.length > def.max)
          fail(
            node,
            'arity',
            `${node.name} takes ${def.min === def.max ? def.min : `${def.min} to ${def.max === 1000 ? 'any number of' : def.max}`} argument${def.max === 1 ? '' : 's'}, not ${node.args.length}`,
          );
        const args = node.args.map(compile);
        const type = def.type(
          args,
          checkHelpers(node.name, args, env.purpose ?? 'field', positionOf, node.offset),
        );
        const call: Compiled = {
          type,
          node,
          run: def.make(args, type),
          ...(def.double ? { double: def.double(args) } : {}),
        };
        return CONTEXTUAL.has(node.name) ? call : fold(call, args, positionOf);
      }
    }
  }

  function unary(node: Extract<Node, { kind: 'unary' }>, operand: Compiled): Compiled {
    if (node.op === '!') {
      expectType(operand, ['boolean'], `! expects a true/false value`);
      return { type: 'boolean', node, run: (ctx) => operand.run(ctx) !== true };
    }
    expectType(operand, ['number'], `${node.op} expects a number`);
    if (node.op === '+') return { ...operand, node };
    const double = operand.double;
    return {
      type: 'number',
      node,
      run: (ctx) => neg(operand.run(ctx)),
      ...(double
        ? {
            double: (ctx: RunContext) => {
              const d = double(ctx);
              return typeof d === 'number' ? -d : d;
            },
          }
        : {}),
    };
  }

  function expectType(c: Compiled, allowed: FormulaType[], message: string) {
    if (c.type !== 'null' && !allowed.includes(c.type))
      fail(c.node, 'type', `${message}, not ${TYPE_NAMES[c.type]}`);
  }

  function binary(node: Extract<Node, { kind: 'binary' }>, left: Compiled, right: Compiled): Compiled {
    const op = node.op;
    const mismatch = (): never =>
      fail(node, 'type', `${op} cannot combine ${TYPE_NAMES[left.type]} and ${TYPE_NAMES[right.type]}`);
    const l = left.run;
    const r = right.run;
    switch (op) {
      case '&&':
      case '||':
        expectType(left, ['boolean'], `${op} expects true/false values`);
        expectType(right, ['boolean'], `${op} expects true/false values`);
        return op === '&&'
          ? { type: 'boolean', node, run: (ctx) => l(ctx) === true && r(ctx) === true }
          : { type: 'boolean', node, run: (ctx) => l(ctx) === true || r(ctx) === true };
      case '&':
        for (const side of [left, right]) expectType(side, ['text', 'picklist'], '& joins text');
        return { type: 'text', node, run: (ctx) => limitedText(asText(l(ctx)) + asText(r(ctx))) };
      case '=':
      case '<>':
        return equality(node, left, right, mismatch);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return ordering(node, left, right, mismatch);
      default:
        return arithmetic(node, left, right, mismatch);
    }
  }

  function equality(node: Node, left: Compiled, right: Compiled, mismatch: () => never): Compiled {
    const op = (node as Extract<Node, { kind: 'binary' }>).op;
    const types = [left.type, right.type];
    const comparable =
      types.includes('null') ||
      left.type === right.type ||
      (types.includes('picklist') && types.includes('text'));
    if (!comparable) mismatch();
    if (types.includes('picklist') && !types.includes('text') && !types.includes('null'))
      fail(node, 'type', 'picklist values are compared with ISPICKVAL or with a text');
    // `= NULL` asks whether a value is blank; otherwise a blank side makes the comparison false.
    const test = types.includes('null')
      ? (a: Value, b: Value) => isBlank(a) === isBlank(b)
      : (a: Value, b: Value) => a !== null && b !== null && same(a, b);
    const slow: Run =
      op === '='
        ? (ctx) => test(left.run(ctx), right.run(ctx))
        : (ctx) => {
            const a = left.run(ctx);
            const b = right.run(ctx);
            return types.includes('null') ? !test(a, b) : a !== null && b !== null && !same(a, b);
          };
    // Two doubles are equal exactly when the decimals they print as are.
    const equal = op === '=';
    return onDoubles(node, left, right, slow, (a, b) => (a === b) === equal);
  }

  function ordering(node: Node, left: Compiled, right: Compiled, mismatch: () => never): Compiled {
    const op = (node as Extract<Node, { kind: 'binary' }>).op;
    const type = left.type === 'null' ? right.type : left.type;
    if (left.type !== right.type && left.type !== 'null' && right.type !== 'null') mismatch();
    if (type === 'boolean' || type === 'picklist') mismatch();
    const compare = (a: Value, b: Value): number =>
      type === 'number'
        ? (a as Big).cmp(b as Big)
        : a === b
          ? 0
          : (a as string | number) < (b as string | number)
            ? -1
            : 1;
    const holds = {
      '<': (c: number) => c < 0,
      '<=': (c: number) => c <= 0,
      '>': (c: number) => c > 0,
      '>=': (c: number) => c >= 0,
    }[op as '<' | '<=' | '>' | '>='];
    const slow: Run = (ctx) => {
      const a = left.run(ctx);
      const b = right.run(ctx);
      return a !== null && b !== null && holds(compare(a, b));
    };
    // Doubles order as the decimals they print as: comparing them is comparing the values.
    return onDoubles(node, left, right, slow, (a, b) => holds(a === b ? 0 : a < b ? -1 : 1));
  }

  /**
   * A comparison that takes both sides as exact doubles where it can (`decide`, never with a blank side) and
   * falls back to `slow`, the decimal way, where a side has no double or not this time.
   */
  function onDoubles(
    node: Node,
    left: Compiled,
    right: Compiled,
    slow: Run,
    decide: (a: number, b: number) => boolean,
  ): Compiled {
    const da = left.double;
    const db = right.double;
    if (!da || !db) return { type: 'boolean', node, run: slow };
    return {
      type: 'boolean',
      node,
      run: (ctx) => {
        const a = da(ctx);
        const b = db(ctx);
        if (a === undefined || b === undefined) return slow(ctx);
        return a !== null && b !== null && decide(a, b);
      },
    };
  }

  function arithmetic(node: Node, left: Compiled, right: Compiled, mismatch: () => never): Compiled {
    const op = (node as Extract<Node, { kind: 'binary' }>).op;
    const lt = left.type === 'null' ? (right.type === 'text' ? 'text' : 'number') : left.type;
    const rt = right.type === 'null' ? (left.type === 'text' ? 'text' : 'number') : right.type;
    const run = arithmeticRun(op, lt, rt);
    if (!run) return mismatch();
    const l = left.run;
    const r = right.run;
    const type = run.type;
    if (type === 'text') return { type, node, run: (ctx) => limitedText(asText(l(ctx)) + asText(r(ctx))) };
    const compiled: Compiled = {
      type,
      node,
      run: (ctx) => {
        const a = l(ctx);
        const b = r(ctx);
        return a === null || b === null ? null : run.fn(a, b);
      },
    };
    const exact = lt === 'number' && rt === 'number' ? EXACT[op] : undefined;
    const da = left.double;
    const db = right.double;
    if (!exact || !da || !db) return compiled;
    return {
      ...compiled,
      double: (ctx) => {
        const a = da(ctx);
        const b = db(ctx);
        if (a === undefined || b === undefined) return undefined;
        return a === null || b === null ? null : exact(a, b);
      },
    };
  }

  const compiled = compile(tree);
  return {
    source,
    type: compiled.type,
    fields,
    evaluate: compiled.double
      ? (ctx) => {
          startWork();
          // The value as a double where that is exactly it, without making a decimal; else the decimal way.
          const d = (compiled.double as NonNullable<Compiled['double']>)(ctx);
          return d === undefined ? toJson(compiled.run(ctx), compiled.type) : d;
        }
      : (ctx) => {
          startWork();
          return toJson(compiled.run(ctx), compiled.type);
        },
  };
}

/** Operators with an exact double shortcut (division keeps 20 places: always the decimal way). */
const EXACT: Partial<Record<BinaryOperator, (a: number, b: number) => number | undefined>> = {
  '+': (a, b) => exactSum(a, b, 1),
  '-': (a, b) => exactSum(a, b, -1),
  '*': exactProduct,
};

function arithmeticRun(
  op: BinaryOperator,
  lt: FormulaType,
  rt: FormulaType,
): { type: FormulaType; fn: (a: Value, b: Value) => Value } | undefined {
  const num = (fn: (a: Big, b: Big) => Big) => ({
    type: 'number' as const,
    fn: (a: Value, b: Value) => limitedNumber(fn(a as Big, b as Big)),
  });
  if (lt === 'number' && rt === 'number')
    switch (op) {
      case '+':
        return num((a, b) => a.plus(b));
      case '-':
        return num((a, b) => a.minus(b));
      case '*':
        return num((a, b) => a.times(b));
      case '/':
        return num((a, b) => {
          if (b.eq(0)) throw new RangeError('division by zero');
          return a.div(b);
        });
      case '^':
        return num(power);
    }
  if (op === '+' && lt === 'text' && rt === 'text') return { type: 'text', fn: () => null };
  // Dates and days: date ± days is a date, date − date is days; the same with datetimes (fractions of days).
  if (lt === 'date' && rt === 'number' && (op === '+' || op === '-'))
    return {
      type: 'date',
      fn: (a, b) =>
        fromDayNumber(dayNumber(a as string) + (op === '+' ? 1 : -1) * Math.trunc(doubleOf(b as Big))),
    };
  if (lt === 'number' && rt === 'date' && op === '+')
    return {
      type: 'date',
      fn: (a, b) => fromDayNumber(dayNumber(b as string) + Math.trunc(doubleOf(a as Big))),
    };
  if (lt === 'date' && rt === 'date' && op === '-')
    return { type: 'number', fn: (a, b) => new Decimal(dayNumber(a as string) - dayNumber(b as string)) };
  if (lt === 'datetime' && rt === 'number' && (op === '+' || op === '-'))
    return {
      type: 'datetime',
      fn: (a, b) => (a as number) + (op === '+' ? 1 : -1) * Math.round(doubleOf(b as Big) * DAY_IN_MS),
    };
  if (lt === 'datetime' && rt === 'datetime' && op === '-')
    return { type: 'number', fn: (a, b) => new Decimal((a as number) - (b as number)).div(DAY_IN_MS) };
  return undefined;
}

/**
 * Whole exponents are exact while the exact power stays within the digits a number may have (`1.05 ^ 30`);
 * others go through floating point (`(1 + rate / 12) ^ 360`), which is what the result is kept as anyway.
 */
function power(a: Big, b: Big): Big {
  const n = Number(b);
  if (b.round(0, 0).eq(b) && Math.abs(n) < 1000) {
    const digits = Math.max(a.c.length, Math.abs(a.e + 1)) * Math.abs(n);
    if (digits <= MAX_NUMBER_DIGITS) return a.pow(n);
  }
  const result = Number(a) ** n;
  if (Number.isNaN(result)) throw new RangeError('the power is not a number');
  if (!Number.isFinite(result))
    throw new FormulaLimitError(`the formula computes a number of more than ${MAX_NUMBER_DIGITS} digits`);
  return new Decimal(result);
}

const neg = (v: Value): Value => (v === null ? null : (v as Big).neg());

/** A stored number as it is (a double), blank as null; anything else (text) is left to the decimal way. */
const storedDouble = (raw: unknown): number | null | undefined =>
  typeof raw === 'number' ? raw : raw === null || raw === undefined ? null : undefined;

function toJson(value: Value, type: FormulaType): unknown {
  if (value === null) return null;
  if (type === 'number') return doubleOf(value as Big);
  if (type === 'datetime') return new Date(value as number).toISOString();
  if (type === 'text' && value === '') return null;
  return value;
}

export type { Run };
