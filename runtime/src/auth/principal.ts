/** Who is calling, in which workspace: what authentication found and every route reads. */
import { type Subject, SYSTEM_SUBJECT, subjectOf, type User, type Workspace } from '@tessera/engine';

export interface Principal {
  /** The platform admin's own token acts in the default workspace as its admin, and may create workspaces. */
  kind: 'platform_admin' | 'user';
  /** The workspace the credential belongs to: the only one the call can reach. */
  workspace: string;
  subject: Subject;
  /** The signed-in user; absent for the platform admin. */
  user?: User;
  /** How the call was authenticated. */
  via: 'token' | 'session';
  /** The studio session the call came with: its id (to keep it through a password change) and CSRF token. */
  session?: { id: string; csrf: string };
}

/** What the audit log and metadata history record as the author of a change. */
export const authorOf = (p: Principal): string => p.user?.email ?? 'platform admin';

/**
 * How long the platform admin's stand-in is remembered per workspace. Looking it up costs a query on every
 * call the token makes; a change of who the first admin is (made here or by another process) shows within this.
 */
const FIRST_ADMIN_TTL_MS = 2000;
const firstAdmins = new WeakMap<Workspace, { until: number; admin: Promise<User | undefined> }>();

function firstAdminOf(ws: Workspace): Promise<User | undefined> {
  const now = Date.now();
  const known = firstAdmins.get(ws);
  if (known && known.until > now) return known.admin;
  const admin = ws.users.firstAdmin();
  firstAdmins.set(ws, { until: now + FIRST_ADMIN_TTL_MS, admin });
  // A failed look-up is not remembered: the next call asks again.
  admin.catch(() => firstAdmins.delete(ws));
  return admin;
}

/** After a change of users here: the next call looks the first admin up again. */
export function forgetFirstAdmin(ws: Workspace): void {
  firstAdmins.delete(ws);
}

/**
 * The platform admin's token acts in the default workspace as the workspace's first admin: records it creates
 * are owned by, and stamped with, that user, so the people of the workspace see them as any admin's records.
 * Only a workspace without an admin leaves them without an owner.
 */
export async function platformAdminPrincipal(workspace: string, ws: Workspace): Promise<Principal> {
  const admin = await firstAdminOf(ws);
  return {
    kind: 'platform_admin',
    workspace,
    subject: admin ? subjectOf(admin) : SYSTEM_SUBJECT,
    via: 'token',
  };
}
