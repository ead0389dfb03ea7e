/**
 * Round-robin assignment: each record goes to the next active user of a role, after the one the previous
 * record went to, in the order the users were made. The last assignee is kept in a row locked for the write's
 * transaction, so concurrent writes on PostgreSQL take turns rather than pick the same person.
 */
import { USERS } from '../identity/identity-tables.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { ROUND_ROBIN } from './automation-tables.js';

/** The user the next record goes to, or undefined when the role has no active user. */
export async function nextAssignee(
  trx: AnyDb,
  dialect: DialectName,
  key: string,
  role: string,
): Promise<string | undefined> {
  const users = (
    await trx
      .selectFrom(USERS)
      .select('id')
      .where('role', '=', role)
      .where('active', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map((u) => String(u.id));
  if (!users.length) return undefined;
  await trx
    .insertInto(ROUND_ROBIN)
    .values({ key, last_user: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await trx
    .selectFrom(ROUND_ROBIN)
    .select('last_user')
    .where('key', '=', key)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  const next = users[(users.indexOf(String(row?.last_user)) + 1) % users.length] as string;
  await trx.updateTable(ROUND_ROBIN).set({ last_user: next }).where('key', '=', key).execute();
  return next;
}
