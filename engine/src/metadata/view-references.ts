/**
 * Layouts and list views follow the fields and objects they show: when a field is renamed their references are
 * renamed with it, and when a field or object is deleted its placements, columns and conditions go too. The
 * metadata API applies this to the same deploy as the change, so removing a field never fails because a layout
 * still shows it, and never leaves a layout pointing at nothing.
 */
import type { DocumentSet, LayoutDocument, ListViewDocument } from './types.js';

/** A field of `object` renamed to `to`, or deleted (`to` null). */
export interface ViewFieldChange {
  object: string;
  field: string;
  to: string | null;
}

const rename = (name: string, change: ViewFieldChange) => (name === change.field ? change.to : name);

function followInLayout(layout: LayoutDocument, change: ViewFieldChange): LayoutDocument {
  const own = layout.object === change.object;
  return {
    ...layout,
    sections: layout.sections.map((section) => ({
      ...section,
      items: own
        ? section.items.flatMap((item) => {
            const field = rename(item.field, change);
            return field === null ? [] : [{ ...item, field }];
          })
        : section.items,
    })),
    ...(own && layout.highlights
      ? { highlights: layout.highlights.flatMap((name) => rename(name, change) ?? []) }
      : {}),
    ...(layout.relatedLists
      ? {
          relatedLists: layout.relatedLists.flatMap((related) => {
            if (related.object !== change.object) return [related];
            const field = rename(related.field, change);
            if (field === null) return [];
            const columns = related.columns?.flatMap((c) => rename(c, change) ?? []);
            return [{ ...related, field, ...(columns ? { columns } : {}) }];
          }),
        }
      : {}),
  };
}

const isEmpty = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length;

/**
 * A filter with the field's conditions renamed, or dropped when it is deleted: a condition on a field that no
 * longer exists is left out, and so is a branch of `and`/`or`/`not` that had nothing else.
 */
function followInFilter(filter: unknown, change: ViewFieldChange): unknown {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') {
      const parts = Array.isArray(value)
        ? value.map((part) => followInFilter(part, change)).filter((part) => !isEmpty(part))
        : value;
      if (!Array.isArray(parts) || parts.length) out[key] = parts;
    } else if (key === 'not') {
      const inner = followInFilter(value, change);
      if (!isEmpty(inner)) out[key] = inner;
    } else {
      const name = rename(key, change);
      if (name !== null) out[name] = value;
    }
  }
  return out;
}

function followInListView(view: ListViewDocument, change: ViewFieldChange): ListViewDocument | null {
  if (view.object !== change.object) return view;
  const columns = view.columns.flatMap((c) => {
    const field = rename(c.field, change);
    return field === null ? [] : [{ ...c, field }];
  });
  // A view needs a column: one that showed only the deleted field goes with it.
  if (!columns.length) return null;
  const sort = view.sort
    ?.split(',')
    .flatMap((key) => {
      const desc = key.startsWith('-');
      const name = rename(desc ? key.slice(1) : key, change);
      return name === null ? [] : [`${desc ? '-' : ''}${name}`];
    })
    .join(',');
  const { sort: _, filter, display, board, calendar, ...rest } = view;
  // A board or calendar whose field is deleted is shown as a table again.
  const groupBy = board && rename(board.groupBy, change);
  const day = calendar && rename(calendar.field, change);
  const shown = (display === 'board' && !groupBy) || (display === 'calendar' && !day) ? undefined : display;
  return {
    ...rest,
    columns,
    ...(sort ? { sort } : {}),
    ...(filter !== undefined ? { filter: followInFilter(filter, change) as Record<string, unknown> } : {}),
    ...(shown ? { display: shown } : {}),
    ...(groupBy ? { board: { groupBy } } : {}),
    ...(day ? { calendar: { field: day } } : {}),
  };
}

export function followFieldChange(documents: DocumentSet, change: ViewFieldChange): DocumentSet {
  const out: DocumentSet = { ...documents };
  if (documents.layouts) out.layouts = documents.layouts.map((l) => followInLayout(l, change));
  if (documents.listViews)
    out.listViews = documents.listViews.flatMap((v) => followInListView(v, change) ?? []);
  return out;
}

/** Without the layouts and list views of a deleted object, and the related lists that showed its records. */
export function followObjectDeletion(documents: DocumentSet, object: string): DocumentSet {
  const out: DocumentSet = { ...documents };
  if (documents.layouts)
    out.layouts = documents.layouts
      .filter((l) => l.object !== object)
      .map((l) =>
        l.relatedLists ? { ...l, relatedLists: l.relatedLists.filter((r) => r.object !== object) } : l,
      );
  if (documents.listViews) out.listViews = documents.listViews.filter((v) => v.object !== object);
  return out;
}
