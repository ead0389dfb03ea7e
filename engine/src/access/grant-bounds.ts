/**
 * Nobody gives more than they hold. A grant is within another when it is not an admin's (unless the other is),
 * and each of its object permissions, field accesses and system permissions is held by the other too, and
 * its role reaches no further: none, the same role, or one below the other's.
 */
import { OBJECT_PERMISSIONS } from '../metadata/types.js';
import type { Grant } from './grant.js';

/** The first thing `grant` holds that `bound` does not, in words, or undefined when it holds nothing more. */
export function beyond(grant: Grant, bound: Grant): string | undefined {
  if (bound.admin) return undefined;
  if (grant.admin) return 'admin';
  for (const [object, g] of grant.objects) {
    const b = bound.objects.get(object);
    for (const p of OBJECT_PERMISSIONS) if (g[p] && !b?.[p]) return `${p} on ${object}`;
    for (const [field, access] of g.fields) {
      const held = b?.fields.get(field);
      if (!held || (access === 'edit' && held === 'read')) return `${access} access to ${object}.${field}`;
    }
  }
  for (const permission of grant.system)
    if (!bound.system.has(permission)) return `the ${permission} permission`;
  if (grant.role !== null && grant.role !== bound.role && !bound.rolesBelow.includes(grant.role))
    return `the role ${grant.role}`;
  return undefined;
}
