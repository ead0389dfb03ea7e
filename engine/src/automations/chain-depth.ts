/**
 * How deep automations may trigger one another: an automation's queued action writes a record (depth + 1),
 * which may trigger another automation, and so on. Past MAX_CHAIN the run is recorded failed and does nothing,
 * so a loop (a updates b, b updates a) ends with a clear line in the run history instead of running forever.
 */
export const MAX_CHAIN = 5;

/** The reason a run at `depth` (0 for a user's write) may not go on, or undefined when it may. */
export function chainRefusal(
  depth: number,
  chain: readonly string[],
  automation: string,
): string | undefined {
  if (depth < MAX_CHAIN) return undefined;
  return `automation chain deeper than ${MAX_CHAIN} (${[...chain, automation].join(' → ')})`;
}
