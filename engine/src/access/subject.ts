/** Who a record call is made for: what the access rules need to know about a user, and nothing more. */
export interface Subject {
  /** Recorded as owner_id / created_by / updated_by; null for the platform itself. */
  userId: string | null;
  /** A workspace admin (or the platform): every permission on everything, no sharing rules. */
  admin: boolean;
  /** The user's place in the role hierarchy. */
  role: string | null;
  /** API names of the user's permission sets; their permissions add up. */
  permissionSets: readonly string[];
}

/** The platform acting on its own behalf (seed data, migrations, the CLI): unrestricted. */
export const SYSTEM_SUBJECT: Subject = Object.freeze({
  userId: null,
  admin: true,
  role: null,
  permissionSets: [],
});

/** Subjects with the same key have the same grant: it is the cache key of compiled access. */
export const grantKey = (s: Subject): string =>
  s.admin ? 'admin' : `${s.role ?? ''}|${[...s.permissionSets].sort().join(',')}`;
