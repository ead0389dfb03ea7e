/**
 * The audit log: sign-ins (and failed ones), token use, user and token changes, each with who and when.
 * Metadata versions carry their own author and time in the metadata history.
 */
import { newRecordId } from '../records/record-ids.js';
import type { AnyDb } from '../storage/storage.js';
import { AUDIT } from './identity-tables.js';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export async function audit(
  db: AnyDb,
  actorId: string | null,
  action: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto(AUDIT)
    .values({
      id: newRecordId(),
      at: new Date().toISOString(),
      actor_id: actorId,
      action,
      detail: JSON.stringify(detail),
    })
    .execute();
}

/** Newest first; `before` (an entry id) pages back. */
export async function auditEntries(
  db: AnyDb,
  options: { limit?: number; before?: string } = {},
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom(AUDIT)
    .selectAll()
    .$if(options.before !== undefined, (q) => q.where('id', '<', options.before as string))
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500))
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    actorId: r.actor_id === null ? null : String(r.actor_id),
    action: r.action,
    detail: JSON.parse(r.detail),
  }));
}
