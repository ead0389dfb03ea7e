/**
 * The workspace's people as anyone signed in may see them: to pick one for a user field, or to name the users
 * values hold. Only what `USER_SUMMARY` shows (id, name, e-mail, active), never roles, permissions or sign-in.
 */
import { sql } from 'kysely';
import { TesseraError } from '../errors.js';
import { USER_SUMMARY } from '../fields/user.js';
import type { AnyDb } from '../storage/storage.js';
import { USERS } from './identity-tables.js';

export type UserSummary = ReturnType<typeof USER_SUMMARY.read>;

export interface DirectoryQuery {
  /** Part of a name or e-mail: active users only (the ones a new value may name). */
  q?: string;
  /** Users by id, active or not (to name the values records hold). */
  ids?: readonly string[];
  limit?: number;
}

export const DIRECTORY_LIMITS = { default: 20, max: 50, text: 100, ids: 100 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refuse = (parameter: string, message: string): never => {
  throw new TesseraError('invalid_query', `invalid user lookup: ${message}`, [
    { pointer: `/${parameter}`, code: 'bad_value', message },
  ]);
};

/** `%` and `_` in the text are literal, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findUsers(db: AnyDb, query: DirectoryQuery): Promise<UserSummary[]> {
  const { q, ids } = query;
  if (q !== undefined && (q.length === 0 || q.length > DIRECTORY_LIMITS.text))
    refuse('q', `q is a text of 1 to ${DIRECTORY_LIMITS.text} characters`);
  if (ids !== undefined && (ids.length === 0 || ids.length > DIRECTORY_LIMITS.ids))
    refuse('ids', `ids lists 1 to ${DIRECTORY_LIMITS.ids} user ids`);
  const badId = ids?.find((id) => !UUID.test(id));
  if (badId !== undefined) refuse('ids', `"${badId}" is not a user id`);
  const limit = query.limit ?? DIRECTORY_LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > DIRECTORY_LIMITS.max)
    refuse('limit', `limit is a whole number from 1 to ${DIRECTORY_LIMITS.max}`);
  if (q === undefined && ids === undefined) refuse('q', 'give q (a name or e-mail to search) or ids');
  const pattern = q === undefined ? undefined : `%${likeEscape(q)}%`;
  const rows = await db
    .selectFrom(USERS)
    .select(USER_SUMMARY.columns)
    .$if(ids !== undefined, (s) => s.where('id', 'in', ids as string[]))
    .$if(pattern !== undefined, (s) =>
      s
        .where('active', '=', 1)
        .where((eb) =>
          eb.or([
            sql<boolean>`lower(name) like lower(${pattern}) escape '\\'`,
            sql<boolean>`lower(email) like lower(${pattern}) escape '\\'`,
          ]),
        ),
    )
    .orderBy('name')
    .orderBy('id')
    .limit(ids === undefined ? limit : ids.length)
    .execute();
  return rows.map((row) => USER_SUMMARY.read(row));
}
