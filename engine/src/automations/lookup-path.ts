/**
 * Lookup paths of automations (`asset_id.region_id`): the object a path of lookups ends at, and the paths whose
 * values an action reads, so they are loaded with the record (one query per lookup, as formulas do).
 */
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';

/** The object the last lookup of `path` points to, or undefined when a step is not a lookup. */
export function pathTarget(
  model: CompiledModel,
  object: CompiledObject,
  path: readonly string[],
): CompiledObject | undefined {
  let at: CompiledObject | undefined = object;
  for (const name of path) {
    const target: string | undefined = at?.fields.get(name)?.prop['x-tessera'].target;
    at = target ? model.objects.get(target) : undefined;
    if (!at) return undefined;
  }
  return at;
}
