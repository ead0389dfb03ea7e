/**
 * When a failed job is tried again: 10 s, 1 min, 5 min, 30 min, 2 h, 12 h after each failure, then it is
 * dead (seven attempts in all, about 15 hours). A receiver that is down for a night still gets everything.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  10_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  12 * 3_600_000,
];

/** Attempts a job gets before it is dead: the first and one per retry delay. */
export const ATTEMPTS_PER_JOB = RETRY_DELAYS_MS.length + 1;

/**
 * The delay before the next try after a failed attempt, or undefined when the job is dead. `attempts` counts
 * every attempt made, `maxAttempts` is where the job dies (raised by each manual retry).
 */
export function retryDelay(attempts: number, maxAttempts: number): number | undefined {
  if (attempts >= maxAttempts) return undefined;
  // The n-th attempt of the current round of ATTEMPTS_PER_JOB.
  const inRound = attempts - (maxAttempts - ATTEMPTS_PER_JOB);
  return RETRY_DELAYS_MS[Math.min(Math.max(inRound - 1, 0), RETRY_DELAYS_MS.length - 1)];
}
