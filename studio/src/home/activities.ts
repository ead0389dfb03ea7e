/**
 * Where a user's tasks and activities live, asked of the metadata rather than assumed: the object named `task`
 * (as the CRM template has it) when the user may read it, its open work as the object's own "open" list view
 * defines it, and the lookups by which a task belongs to a record of another object.
 */
import type { ListViewDocument, ObjectDescription, ObjectSummary } from '../api/types.js';

/** The activity object's API name: a workspace without it has no task lists (home and timeline say nothing). */
export const ACTIVITY_OBJECT = 'task';

export const activityObject = (objects: readonly ObjectSummary[]): ObjectSummary | undefined =>
  objects.find((o) => o.apiName === ACTIVITY_OBJECT && o.permissions.read);

/** The list view that says which tasks are open: `open_tasks`, else another view named `open…`. */
export function openView(description: ObjectDescription): ListViewDocument | undefined {
  return (
    description.listViews.find((v) => v.apiName === 'open_tasks') ??
    description.listViews.find((v) => v.apiName.startsWith('open'))
  );
}

export interface ActivityQuery {
  filter: Record<string, unknown>;
  sort?: string;
  /** Columns shown after the name. */
  columns: string[];
}

/** The open tasks a user owns: the open view's filter and sort, narrowed to the user. */
export function myOpenActivities(description: ObjectDescription, userId: string): ActivityQuery {
  const view = openView(description);
  const mine = { owner_id: { eq: userId } };
  const filter = view?.filter ? { and: [view.filter as Record<string, unknown>, mine] } : mine;
  const columns = (view?.columns ?? [])
    .map((c) => c.field)
    .filter((f) => f !== description.nameField)
    .slice(0, 2);
  return { filter, columns, ...(view?.sort ? { sort: String(view.sort) } : {}) };
}

/** The activities of one record: those whose lookup (any that targets the record's object) names it. */
export function activitiesOf(
  activity: ObjectDescription,
  object: string,
  id: string,
): Record<string, unknown> | undefined {
  const links = Object.entries(activity.document.properties)
    .filter(([, p]) => p['x-tessera'].target === object)
    .map(([name]) => ({ [name]: { eq: id } }));
  if (links.length === 0) return undefined;
  return links.length === 1 ? links[0] : { or: links };
}

/** The field that says where a task stands: the one its open view filters on, when the object has it. */
export function stateField(activity: ObjectDescription): string | undefined {
  const filter = openView(activity)?.filter ?? {};
  return Object.keys(filter).find((f) => activity.document.properties[f]);
}
