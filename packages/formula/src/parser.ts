/**
 * A Pratt parser for the formula language. Precedence, lowest first: `||` (OR), `&&` (AND), comparisons
 * (`= == <> != < <= > >=`), `&` (text concatenation), `+ -`, `* /`, unary `- + !`, `^` (right-associative).
 * Every error names what was expected where.
 */
import type { BinaryOperator, Node } from './ast.js';
import { FormulaError, positionAt } from './errors.js';
import { type Token, tokenize } from './lexer.js';

const BINARY: Record<string, { precedence: number; op: BinaryOperator; right?: boolean }> = {
  '||': { precedence: 1, op: '||' },
  '&&': { precedence: 2, op: '&&' },
  '=': { precedence: 3, op: '=' },
  '==': { precedence: 3, op: '=' },
  '<>': { precedence: 3, op: '<>' },
  '!=': { precedence: 3, op: '<>' },
  '<': { precedence: 3, op: '<' },
  '<=': { precedence: 3, op: '<=' },
  '>': { precedence: 3, op: '>' },
  '>=': { precedence: 3, op: '>=' },
  '&': { precedence: 4, op: '&' },
  '+': { precedence: 5, op: '+' },
  '-': { precedence: 5, op: '-' },
  '*': { precedence: 6, op: '*' },
  '/': { precedence: 6, op: '/' },
  '^': { precedence: 8, op: '^', right: true },
};
const UNARY_PRECEDENCE = 7;
/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 100;

export function parse(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const fail = (token: Token, message: string): never => {
    throw new FormulaError('syntax', message, positionAt(source, token.offset));
  };
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the formula' : `"${t.text}"`);

  function expression(minPrecedence: number): Node {
    if (++depth > MAX_DEPTH)
      throw new FormulaError(
        'too_complex',
        `a formula may nest at most ${MAX_DEPTH} levels`,
        positionAt(source, peek().offset),
      );
    let left = prefix();
    for (;;) {
      const t = peek();
      const binary = t.kind === 'operator' ? BINARY[t.text] : undefined;
      if (!binary || binary.precedence < minPrecedence) break;
      next();
      const right = expression(binary.right ? binary.precedence : binary.precedence + 1);
      left = { kind: 'binary', op: binary.op, left, right, offset: t.offset };
    }
    depth--;
    return left;
  }

  function prefix(): Node {
    const t = next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', text: t.text, offset: t.offset };
      case 'string':
        return { kind: 'string', value: t.value as string, offset: t.offset };
      case '(': {
        const inner = expression(1);
        const close = next();
        if (close.kind !== ')')
          fail(close, `expected ")" to close the "(" at ${where(t)}, found ${describe(close)}`);
        return inner;
      }
      case 'operator':
        if (t.text === '-' || t.text === '+' || t.text === '!')
          return { kind: 'unary', op: t.text, operand: expression(UNARY_PRECEDENCE), offset: t.offset };
        return fail(t, `expected a value, found ${describe(t)}`);
      case 'name':
        return name(t);
      default:
        return fail(t, `expected a value, found ${describe(t)}`);
    }
  }

  function name(t: Token): Node {
    if (peek().kind === '(') {
      next();
      const args: Node[] = [];
      if (peek().kind !== ')')
        for (;;) {
          args.push(expression(1));
          const sep = next();
          if (sep.kind === ')') break;
          if (sep.kind !== ',')
            fail(sep, `expected "," or ")" in the arguments of ${t.text}, found ${describe(sep)}`);
        }
      else next();
      return { kind: 'call', name: t.text.toUpperCase(), args, offset: t.offset };
    }
    const upper = t.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE')
      return { kind: 'boolean', value: upper === 'TRUE', offset: t.offset };
    if (upper === 'NULL') return { kind: 'null', offset: t.offset };
    return { kind: 'field', path: t.text.split('.'), offset: t.offset };
  }

  const where = (t: Token) => {
    const p = positionAt(source, t.offset);
    return `line ${p.line}, column ${p.column}`;
  };

  if (peek().kind === 'end') fail(peek(), 'the formula is empty: expected a value');
  const tree = expression(1);
  const rest = peek();
  if (rest.kind !== 'end')
    fail(rest, `expected an operator or the end of the formula, found ${describe(rest)}`);
  return tree;
}
