/**
 * The problems found in a package's seed data, all of them from one run: each counted, the first hundred kept
 * with file, line, column and code (a file of bad rows would otherwise make an answer as large as itself).
 */
import { type Issue, TesseraError } from '../errors.js';

export const MAX_REPORTED_SEED_PROBLEMS = 100;

export class SeedProblems {
  readonly #issues: Issue[] = [];
  #total = 0;

  add(issue: Issue): void {
    this.#total++;
    if (this.#issues.length < MAX_REPORTED_SEED_PROBLEMS) this.#issues.push(issue);
  }

  get total(): number {
    return this.#total;
  }

  /** `invalid_seed_data` listing the problems, by file and then line; the message counts those not listed. */
  error(files: readonly string[]): TesseraError {
    const issues = [...this.#issues].sort(
      (a, b) => files.indexOf(a.document ?? '') - files.indexOf(b.document ?? '') || lineOf(a) - lineOf(b),
    );
    const first = issues[0] as Issue;
    const total = this.#total;
    const listed = total > issues.length ? ` (the first ${issues.length} listed)` : '';
    return new TesseraError(
      'invalid_seed_data',
      `${total} problem${total === 1 ? '' : 's'} in the seed data${listed}; first: ${first.document} ${first.message}`,
      issues,
      { problems: total },
    );
  }
}

/** Issues point at `/<line>/<column>`; a problem with a whole file (`''`) comes before its lines. */
const lineOf = (issue: Issue) => Number(issue.pointer.split('/')[1] ?? 0) || 0;
