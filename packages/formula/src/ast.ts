/** The syntax tree of a formula; every node keeps where it starts in the source, for error messages. */
export type Node =
  | { kind: 'number'; text: string; offset: number }
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'boolean'; value: boolean; offset: number }
  | { kind: 'null'; offset: number }
  | { kind: 'field'; path: string[]; offset: number }
  | { kind: 'call'; name: string; args: Node[]; offset: number }
  | { kind: 'unary'; op: '-' | '+' | '!'; operand: Node; offset: number }
  | { kind: 'binary'; op: BinaryOperator; left: Node; right: Node; offset: number };

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | '&'
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||';
