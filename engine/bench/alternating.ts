/**
 * Per-call timing of two sides of one comparison, runs alternating between them, so a slower moment of the
 * machine falls on both sides alike and their ratio stays steady.
 */
import { median } from './timing.js';

/** Each run makes calls for at least this long (and at least MIN_CALLS), so fast and slow calls both time well. */
const RUN_MS = 150;
const MIN_CALLS = 5;
const RUNS = 9;

/** Milliseconds per call of one run: calls for at least RUN_MS, and at least MIN_CALLS. */
async function run(call: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let calls = 0;
  while (calls < MIN_CALLS || performance.now() - start < RUN_MS) await call(calls++);
  return (performance.now() - start) / calls;
}

/**
 * The median per-call time of each side, runs alternating between them (after a warm-up run each), so a
 * slower moment of the machine falls on both sides alike and the ratio stays steady.
 */
export async function perCall(
  baseline: (i: number) => Promise<unknown>,
  measured: (i: number) => Promise<unknown>,
): Promise<[number, number]> {
  await run(baseline);
  await run(measured);
  const samples: [number[], number[]] = [[], []];
  for (let r = 0; r < RUNS; r++) {
    samples[0].push(await run(baseline));
    samples[1].push(await run(measured));
  }
  return [median(samples[0]), median(samples[1])];
}
