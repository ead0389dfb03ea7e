/**
 * A saved view's own filter (as the data API takes it) as conditions to show as chips: each condition met by
 * all records of the view is one chip; a branch of `or` or `not` is one chip that says it is more than that.
 */
import type { Condition } from './filter.js';

export type ViewChip = { condition: Condition } | { complex: 'or' | 'not' };

export function viewChips(filter: Record<string, unknown> | undefined): ViewChip[] {
  if (!filter) return [];
  return Object.entries(filter).flatMap(([key, value]): ViewChip[] => {
    if (key === 'and')
      return Array.isArray(value) ? value.flatMap((part) => viewChips(part as Record<string, unknown>)) : [];
    if (key === 'or' || key === 'not') return [{ complex: key }];
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).map(([op, v]) => ({ condition: { field: key, op, value: v } }));
  });
}
