/**
 * Tokens of the formula language (Salesforce-compatible): numbers, strings in single or double quotes with
 * backslash escapes, names (fields, with dots across lookups, and functions), operators, parentheses, commas.
 * Comments are `/* … *\/`, as in Salesforce.
 */
import { FormulaError, positionAt } from './errors.js';

export type TokenKind = 'number' | 'string' | 'name' | 'operator' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For strings: the value with escapes resolved. */
  value?: string;
  offset: number;
}

/** Longest first, so `<=` is not read as `<` then `=`. */
const OPERATORS = [
  '<>',
  '!=',
  '==',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<',
  '>',
  '!',
];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };
export const MAX_SOURCE_LENGTH = 5000;

export function tokenize(source: string): Token[] {
  const fail = (offset: number, message: string): never => {
    throw new FormulaError('syntax', message, positionAt(source, offset));
  };
  if (source.length > MAX_SOURCE_LENGTH)
    fail(MAX_SOURCE_LENGTH, `a formula may have at most ${MAX_SOURCE_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    // Zero-width spaces and byte-order marks come with formulas pasted from web pages: space, too.
    if (/[\s\u200B\uFEFF]/.test(c)) {
      i++;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) fail(i, 'a comment is not closed: expected */');
      i = end + 2;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(
        source.slice(i),
      ) as RegExpExecArray;
      i += match[0].length;
      if (/[A-Za-z_]/.test(source[i] ?? ''))
        fail(i, `unexpected "${source[i]}" after the number ${match[0]}`);
      tokens.push({ kind: 'number', text: match[0], offset: start });
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        const ch = source[i];
        if (ch === undefined) fail(start, `a text is not closed: expected ${c}`);
        if (ch === c) break;
        if (ch === '\\') {
          const next = source[i + 1] ?? '';
          const escaped = ESCAPES[next];
          if (escaped === undefined) fail(i, `unknown escape \\${next} in a text`);
          value += escaped;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text: source.slice(start, i), value, offset: start });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_]*(?:\.[A-Za-z_$][A-Za-z0-9_]*)*/.exec(
        source.slice(i),
      ) as RegExpExecArray;
      i += match[0].length;
      tokens.push({ kind: 'name', text: match[0], offset: start });
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, offset: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) fail(i, `unexpected character "${c}"`);
    tokens.push({ kind: 'operator', text: op as string, offset: start });
    i += (op as string).length;
  }
  tokens.push({ kind: 'end', text: '', offset: source.length });
  return tokens;
}
