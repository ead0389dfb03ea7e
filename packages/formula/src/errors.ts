/**
 * Errors of the formula language. Every one carries where it happened (offset, line and column of the source)
 * and a stable code, so the studio can underline the place and the API can report it as an issue.
 */
export interface Position {
  /** 0-based offset in the source. */
  offset: number;
  /** 1-based line and column, as editors show them. */
  line: number;
  column: number;
}

export type FormulaErrorCode =
  | 'syntax'
  | 'unknown_field'
  | 'unknown_function'
  | 'arity'
  | 'type'
  | 'not_allowed_here'
  | 'too_complex'
  | 'limit'
  | 'runtime';

export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  constructor(
    readonly code: FormulaErrorCode,
    message: string,
    readonly position: Position,
  ) {
    super(`${message} (line ${position.line}, column ${position.column})`);
  }

  /** The message without the position suffix. */
  get reason(): string {
    return this.message.replace(/ \(line \d+, column \d+\)$/, '');
  }
}

export function positionAt(source: string, offset: number): Position {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { offset, line, column };
}
