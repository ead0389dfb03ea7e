/** One bench result per row, and the single aligned text table they are printed as. */

export type Unit = 'ms' | 'rows/s' | 'req/s' | 'deliveries/s' | 'MB';

export interface Quantity {
  value: number;
  unit: Unit;
}

/**
 * `max`: the measured value must stay under it. `min`: the measured value must reach it (rates). `minRatio`: measured ÷ baseline must reach it (rates).
 * `maxRatio`: measured ÷ baseline must stay at or under it (latencies).
 */
export type Target =
  | { kind: 'max'; value: number; unit: Unit }
  | { kind: 'min'; value: number; unit: Unit }
  | { kind: 'minRatio'; value: number }
  | { kind: 'maxRatio'; value: number };

export interface Result {
  scenario: string;
  measured?: Quantity;
  baseline?: Quantity;
  target?: Target;
  /** Why the row has no measurement: PostgreSQL unreachable. */
  skipped?: string;
  /** The scenario threw: its message. Counts as a failure. */
  error?: string;
}

export const ms = (value: number): Quantity => ({ value, unit: 'ms' });
export const rowsPerSecond = (rows: number, elapsedMs: number): Quantity => ({
  value: (rows * 1000) / elapsedMs,
  unit: 'rows/s',
});
export const under = (value: number, unit: Unit = 'ms'): Target => ({ kind: 'max', value, unit });
export const atLeast = (value: number, unit: Unit): Target => ({ kind: 'min', value, unit });
export const atLeastTimesBaseline = (value: number): Target => ({ kind: 'minRatio', value });
export const atMostTimesBaseline = (value: number): Target => ({ kind: 'maxRatio', value });

export function passed(result: Result): boolean | undefined {
  const { measured, baseline, target } = result;
  if (result.error) return false;
  if (!measured || !target) return undefined;
  if (target.kind === 'max') return measured.value < target.value;
  if (target.kind === 'min') return measured.value >= target.value;
  if (!baseline) return undefined;
  const ratio = measured.value / baseline.value;
  return target.kind === 'minRatio' ? ratio >= target.value : ratio <= target.value;
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const thousandths = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const quantity = (q: Quantity | undefined) =>
  q ? `${(q.unit === 'ms' ? (q.value < 10 ? thousandths : tenths) : whole).format(q.value)} ${q.unit}` : '';
const targetText = (t: Target | undefined) =>
  !t
    ? ''
    : t.kind === 'max'
      ? `< ${whole.format(t.value)} ${t.unit}`
      : t.kind === 'min'
        ? `≥ ${whole.format(t.value)} ${t.unit}`
        : `${t.kind === 'minRatio' ? '≥' : '≤'} ${t.value.toFixed(2)}× baseline`;

const COLUMNS = ['scenario', 'measured', 'baseline', 'ratio', 'target', 'pass/fail'] as const;

function cells(result: Result): string[] {
  const { measured, baseline } = result;
  const ratio = measured && baseline ? `${(measured.value / baseline.value).toFixed(2)}×` : '';
  const verdict = passed(result);
  return [
    result.scenario,
    quantity(measured),
    quantity(baseline),
    ratio,
    targetText(result.target),
    verdict === undefined ? '' : verdict ? 'PASS' : 'FAIL',
  ];
}

const RIGHT_ALIGNED = new Set([1, 2, 3]);

const unmeasured = (r: Result) =>
  r.error ? `ERROR: ${r.error}` : r.skipped ? `skipped: ${r.skipped}` : undefined;

/** Text left-aligned, numbers right-aligned; a row without a measurement prints why across the other columns. */
export function formatTable(results: readonly Result[]): string {
  const rows = results.map(cells);
  const widths = COLUMNS.map((title, c) =>
    Math.max(
      title.length,
      ...rows
        .filter((_, i) => c === 0 || !unmeasured(results[i] as Result))
        .map((row) => (row[c] as string).length),
    ),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) =>
        RIGHT_ALIGNED.has(c) ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number),
      )
      .join(' | ')
      .trimEnd();
  return [
    line(COLUMNS),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...results.map((result, i) => {
      const why = unmeasured(result);
      return why ? `${result.scenario.padEnd(widths[0] as number)} | ${why}` : line(rows[i] as string[]);
    }),
  ].join('\n');
}
