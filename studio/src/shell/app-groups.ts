/** The menu's objects grouped by the app (installed package) they came with. */
import type { ObjectSummary } from '../api/types.js';

interface AppGroup {
  /** The app's package name; null for the admin's own objects. */
  name: string | null;
  label?: ObjectSummary['label'];
  objects: ObjectSummary[];
}

/** The objects by the app (package) they came with, apps in the order they were installed, own objects last. */
export function byApp(objects: readonly ObjectSummary[]): AppGroup[] {
  const groups = new Map<string | null, AppGroup>();
  for (const o of objects) {
    const name = o.app?.name ?? null;
    const group = groups.get(name) ?? { name, ...(o.app ? { label: o.app.label } : {}), objects: [] };
    group.objects.push(o);
    groups.set(name, group);
  }
  const own = groups.get(null);
  groups.delete(null);
  return [...groups.values(), ...(own ? [own] : [])];
}
