/** What checking a formula produces: typed closures, one per node, that run against a record. */
import type { Node } from './ast.js';
import type { FormulaType, Value } from './types.js';

export interface RunContext {
  /** A field's stored value by path (`["customer_id", "name"]` across a lookup); null when blank. */
  value(path: readonly string[]): unknown;
  /** The value before this write (validation rules and automation conditions on update). */
  prior?(path: readonly string[]): unknown;
  /** True while the record is being created. */
  isNew?: boolean;
  /** NOW(), in milliseconds since the epoch. */
  now: number;
  /** TODAY(), as `YYYY-MM-DD` in the user's time zone. */
  today: string;
  /** Field values already read for this record: pass one map per record to every formula run against it. */
  memo?: Map<string, Value>;
}

export type Run = (ctx: RunContext) => Value;

export interface Compiled {
  type: FormulaType;
  run: Run;
  node: Node;
  /** The value depends on nothing at all (literals, and pure functions of them): computed once, when compiled. */
  constant?: boolean;
  /**
   * A number's value as a JavaScript number, where that is exactly it (a field's stored number, a literal that
   * a double holds), so comparisons skip making decimals; `undefined` from it means "not here: use `run`".
   */
  double?: (ctx: RunContext) => number | null | undefined;
}

/** The context constants are computed in, when a formula is compiled: it reads no field and no clock. */
export const NOWHERE: RunContext = { value: () => null, now: 0, today: '1970-01-01' };
