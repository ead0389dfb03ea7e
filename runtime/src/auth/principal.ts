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
 * The platform admin's token acts in the default workspace as the workspace's first admin: records it creates
 * are owned by, and stamped with, that user, so the people of the workspace see them as any admin's records.
 * Only a workspace without an admin leaves them without an owner.
 */
export async function platformAdminPrincipal(workspace: string, ws: Workspace): Promise<Principal> {
  const admin = await ws.users.firstAdmin();
  return {
    kind: 'platform_admin',
    workspace,
    subject: admin ? subjectOf(admin) : SYSTEM_SUBJECT,
    via: 'token',
  };
}
