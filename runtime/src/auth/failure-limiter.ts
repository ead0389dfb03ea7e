/**
 * Failed sign-ins per client address, over a sliding window. Each account locks itself after five failures in
 * a row (see the engine's Users); this stops one address from trying many accounts (password spraying), which
 * per-account locks never notice. In memory: a restart forgets, and each process counts its own.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 if it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return Math.ceil(((recent[0] as number) + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.#failures.set(key, recent);
    // Forget addresses that have gone quiet, so the map stays as small as the current attack.
    if (this.#failures.size > 10_000)
      for (const [k, times] of this.#failures)
        if ((times.at(-1) as number) <= now - this.windowMs) this.#failures.delete(k);
  }

  private recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}
