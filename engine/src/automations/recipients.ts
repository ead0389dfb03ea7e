/**
 * Who a notification goes to, resolved when it is queued: the record's owner, users by id or e-mail, the
 * active users of a role, or the user a `user` field (or a lookup path to one) names. Only active users
 * receive notifications; each once.
 */

import type { Follow } from '../formulas/record-context.js';
import { USERS } from '../identity/identity-tables.js';
import type { NotifyRecipient } from '../metadata/types.js';
import type { RecordData } from '../records/record-api.js';
import type { AnyDb } from '../storage/storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recipientIds(
  trx: AnyDb,
  to: readonly NotifyRecipient[],
  record: RecordData,
  follow: Follow | undefined,
): Promise<string[]> {
  const ids = new Set<string>();
  const emails = new Set<string>();
  const roles = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && UUID.test(value)) ids.add(value.toLowerCase());
  };
  for (const r of to) {
    if ('owner' in r) add(record.owner_id);
    else if ('role' in r) roles.add(r.role);
    else if ('user' in r) UUID.test(r.user) ? add(r.user) : emails.add(r.user.toLowerCase());
    else {
      const path = r.field.split('.');
      add(follow && path.length > 1 ? follow(record, path) : record[path[0] as string]);
    }
  }
  if (!ids.size && !emails.size && !roles.size) return [];
  const rows = await trx
    .selectFrom(USERS)
    .select('id')
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        ...(ids.size ? [eb('id', 'in', [...ids])] : []),
        ...(emails.size ? [eb('email', 'in', [...emails])] : []),
        ...(roles.size ? [eb('role', 'in', [...roles])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => String(r.id));
}
