/** What a formula reads, known from its syntax alone: no environment needed, nothing is type-checked. */
import type { Node } from './ast.js';
import { parse } from './parser.js';

export interface FormulaReferences {
  /** Every field path, as written (`["customer_id", "region"]`). */
  fields: string[][];
  /** Every function called, by name. */
  functions: Set<string>;
}

export function formulaReferences(source: string): FormulaReferences {
  const found: FormulaReferences = { fields: [], functions: new Set() };
  const visit = (node: Node): void => {
    switch (node.kind) {
      case 'field':
        found.fields.push(node.path);
        return;
      case 'call':
        found.functions.add(node.name);
        node.args.forEach(visit);
        return;
      case 'unary':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      default:
        return;
    }
  };
  visit(parse(source));
  return found;
}
