/**
 * The columns a user chose for a list, kept in their browser (per workspace, user, object and view): anyone who
 * may read a list may choose its columns for themselves; saving a view for everyone stays with those who manage
 * metadata. What comes back from storage is checked: a field the user may no longer read (or that is gone) is
 * dropped, and anything unreadable counts as no choice.
 */
import type { ListViewColumn } from '../api/types.js';

/** The most columns remembered for one list (more than any object's fields and system columns). */
export const MAX_REMEMBERED_COLUMNS = 200;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ListKey {
  workspace: string;
  user: string;
  object: string;
  /** The saved view's API name; '' for all records. */
  view: string;
}

const storageKey = (k: ListKey) =>
  `tessera-columns:${JSON.stringify([k.workspace, k.user, k.object, k.view])}`;

function columnOf(value: unknown, known: ReadonlySet<string>): ListViewColumn | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { field, pinned } = value as Record<string, unknown>;
  if (typeof field !== 'string' || !known.has(field)) return undefined;
  return pinned === true ? { field, pinned: true } : { field };
}

/** The columns remembered for this list, among the `known` fields; undefined when there is no usable choice. */
export function rememberedColumns(
  store: Store,
  key: ListKey,
  known: ReadonlySet<string>,
): ListViewColumn[] | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(store.getItem(storageKey(key)) ?? 'null');
  } catch {
    return undefined;
  }
  if (!Array.isArray(stored)) return undefined;
  const columns = new Map<string, ListViewColumn>();
  for (const value of stored.slice(0, MAX_REMEMBERED_COLUMNS)) {
    const column = columnOf(value, known);
    if (column && !columns.has(column.field)) columns.set(column.field, column);
  }
  return columns.size ? [...columns.values()] : undefined;
}

/** Keeps the user's columns (field and pin only: widths follow the view); none forgets the choice. */
export function rememberColumns(
  store: Store,
  key: ListKey,
  columns: readonly ListViewColumn[] | undefined,
): void {
  if (!columns?.length) {
    store.removeItem(storageKey(key));
    return;
  }
  const kept = columns
    .slice(0, MAX_REMEMBERED_COLUMNS)
    .map((c) => (c.pinned ? { field: c.field, pinned: true } : { field: c.field }));
  try {
    store.setItem(storageKey(key), JSON.stringify(kept));
  } catch {
    // A full or refused storage only means the choice lasts until the page is left.
  }
}
