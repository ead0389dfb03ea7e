/**
 * Per-call timing of two sides of one comparison, calls alternating one by one between them, so a slower
 * moment of the machine (another process, a checkpoint, a frequency change) falls on both sides alike and
 * their ratio stays steady on a noisy machine.
 */

/** Each comparison makes calls for this long (and at least MIN_ROUNDS rounds), after WARMUP_ROUNDS. */
const DURATION_MS = 3000;
const MIN_ROUNDS = 50;
const WARMUP_ROUNDS = 20;
/** The share of calls left out at each end: the odd collector pause or scheduler hiccup, on either side. */
const TRIM = 0.1;

/** The mean of the samples without the lowest and highest TRIM of them. */
export function trimmedMean(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * TRIM);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((sum, x) => sum + x, 0) / kept.length;
}

async function timed(call: (i: number) => Promise<unknown>, i: number): Promise<number> {
  const start = performance.now();
  await call(i);
  return performance.now() - start;
}

/**
 * Milliseconds per call of each side. Rounds make one call of each side, the first side changing from round
 * to round (so neither always runs right after the other's writes).
 */
export async function perCall(
  baseline: (i: number) => Promise<unknown>,
  measured: (i: number) => Promise<unknown>,
): Promise<[number, number]> {
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    await baseline(i);
    await measured(i);
  }
  const samples: [number[], number[]] = [[], []];
  const start = performance.now();
  for (
    let i = WARMUP_ROUNDS;
    samples[0].length < MIN_ROUNDS || performance.now() - start < DURATION_MS;
    i++
  ) {
    if (i % 2) {
      samples[0].push(await timed(baseline, i));
      samples[1].push(await timed(measured, i));
    } else {
      samples[1].push(await timed(measured, i));
      samples[0].push(await timed(baseline, i));
    }
  }
  return [trimmedMean(samples[0]), trimmedMean(samples[1])];
}
