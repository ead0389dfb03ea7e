/**
 * Record-level access as SQL: which rows a user reaches, as a condition every query of theirs carries. A user
 * reaches the records they own, those owned by users in roles below theirs, and those shared with them, with a
 * role they are in or above, or with someone below them. The condition joins the identity tables in the same
 * statement, so it is always current and never a list of ids fetched first.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { SHARES, USERS } from '../identity/identity-tables.js';
import type { Grant } from './grant.js';

// biome-ignore lint/suspicious/noExplicitAny: rows of a table known only from metadata.
type Eb = ExpressionBuilder<any, any>;
export type RecordScope = (eb: Eb) => Expression<SqlBool>;

export interface ScopeContext {
  userId: string | null;
  grant: Grant;
  /** The object's stable id, as shares record it. */
  objectId: string;
}

/** owner_id is the user, or a user in a role below theirs. */
function ownedWithinReach(eb: Eb, { userId, grant }: ScopeContext): Expression<SqlBool> {
  const own = eb('owner_id', '=', userId);
  if (!grant.rolesBelow.length) return own;
  return eb.or([
    own,
    eb('owner_id', 'in', eb.selectFrom(USERS).select('id').where('role', 'in', grant.rolesBelow)),
  ]);
}

function sharedWithinReach(eb: Eb, ctx: ScopeContext, needEdit: boolean): Expression<SqlBool> {
  const { userId, grant } = ctx;
  const roles = grant.role === null ? [] : [grant.role, ...grant.rolesBelow];
  let shares = eb
    .selectFrom(SHARES)
    .select('record_id')
    .where('object_id', '=', ctx.objectId)
    .where((sb) =>
      sb.or([
        sb('user_id', '=', userId),
        ...(grant.rolesBelow.length
          ? [sb('user_id', 'in', sb.selectFrom(USERS).select('id').where('role', 'in', grant.rolesBelow))]
          : []),
        ...(roles.length ? [sb('role', 'in', roles)] : []),
      ]),
    );
  if (needEdit) shares = shares.where('access', '=', 'edit');
  return eb('id', 'in', shares);
}

export const readScope =
  (ctx: ScopeContext): RecordScope =>
  (eb) =>
    eb.or([ownedWithinReach(eb, ctx), sharedWithinReach(eb, ctx, false)]);

export const editScope =
  (ctx: ScopeContext): RecordScope =>
  (eb) =>
    eb.or([ownedWithinReach(eb, ctx), sharedWithinReach(eb, ctx, true)]);

/** Only owners and the managers above them delete: a share never gives the right to delete. */
export const deleteScope =
  (ctx: ScopeContext): RecordScope =>
  (eb) =>
    ownedWithinReach(eb, ctx);
