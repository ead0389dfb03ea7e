/**
 * A list's view, sort and filter conditions in the page's URL (`?view=…&sort=…&filter=…&match=any`), so a list
 * can be shared by link and comes back as it was on reload. What a URL holds is checked: a malformed part counts
 * as not given, never as an error.
 */
import type { Condition, Match } from './filter.js';

export interface ListUrlState {
  view?: string;
  sort?: string;
  conditions?: Condition[];
  match?: Match;
}

const SORT = /^-?[a-z][a-z0-9_]*(,-?[a-z][a-z0-9_]*)*$/;
const VIEW = /^(mine:)?[a-z][a-z0-9_]*$/;

function conditionOf(value: unknown): Condition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { field, op, value: v, shown } = value as Record<string, unknown>;
  if (typeof field !== 'string' || typeof op !== 'string') return undefined;
  return { field, op, value: v, ...(typeof shown === 'string' ? { shown } : {}) };
}

function conditionsOf(text: string | null): Condition[] | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return undefined;
    const conditions = parsed.map(conditionOf);
    return conditions.every((c) => c !== undefined) ? (conditions as Condition[]) : undefined;
  } catch {
    return undefined;
  }
}

export function readListUrl(search: string): ListUrlState {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const sort = params.get('sort');
  const conditions = conditionsOf(params.get('filter'));
  return {
    ...(view !== null && (view === '' || VIEW.test(view)) ? { view } : {}),
    ...(sort && SORT.test(sort) ? { sort } : {}),
    ...(conditions ? { conditions } : {}),
    ...(params.get('match') === 'any' ? { match: 'any' as const } : {}),
  };
}

/** The query string (with its `?`, or '' when nothing is set) of a list's state. */
export function writeListUrl(state: ListUrlState): string {
  const params = new URLSearchParams();
  if (state.view !== undefined) params.set('view', state.view);
  if (state.sort) params.set('sort', state.sort);
  if (state.conditions?.length) params.set('filter', JSON.stringify(state.conditions));
  if (state.match === 'any') params.set('match', 'any');
  return params.size ? `?${params}` : '';
}
