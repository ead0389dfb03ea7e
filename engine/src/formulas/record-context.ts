/**
 * What formulas read of one record: its values (across lookups through `follow`), its values before this write
 * (validation rules on update) and the clock. A class, not an object of closures: one is made per record, and
 * its methods are made once.
 */
import type { RunContext } from '@tessera/formula';
import type { FormulaClock } from './formula-clock.js';

type Values = Record<string, unknown>;
export type Follow = (record: Values, path: readonly string[]) => unknown;

export class RecordContext implements RunContext {
  readonly now: number;
  readonly today: string;
  readonly isNew: boolean;
  readonly memo: NonNullable<RunContext['memo']> = new Map();

  constructor(
    private readonly record: Values,
    clock: FormulaClock,
    private readonly follow?: Follow,
    private readonly before?: Values,
  ) {
    this.now = clock.now;
    this.today = clock.today;
    this.isNew = before === undefined;
  }

  value(path: readonly string[]): unknown {
    return path.length > 1 && this.follow
      ? this.follow(this.record, path)
      : (this.record[path[0] as string] ?? null);
  }

  prior(path: readonly string[]): unknown {
    return this.before?.[path[0] as string] ?? null;
  }
}
