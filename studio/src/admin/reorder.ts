/** Moving and removing by position in a list the admin orders by hand (picklist values), as new lists. */

/** `list` with the item at `from` moved to `to` (clamped to the list); the same list when nothing moves. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.min(Math.max(0, to), list.length - 1);
  if (from < 0 || from >= list.length || from === target) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** `list` without the item at `index` (the same list for an index it does not have). */
export const without = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
