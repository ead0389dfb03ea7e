/**
 * Record-level access as SQL: which rows a user reaches, as a condition every query of theirs carries. A user
 * reaches the records they own, those owned by users in roles below theirs, and those shared with them, with a
 * role they are in or above, or with someone below them. The condition joins the identity tables in the same
 * statement, so it is always current and never a list of ids fetched first.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { SHARES, USERS } from '../identity/identity-tables.js';
import type { AnyDb } from '../storage/storage.js';
import type { Grant } from './grant.js';

// biome-ignore lint/suspicious/noExplicitAny: rows of a table known only from metadata.
type Eb = ExpressionBuilder<any, any>;
export type RecordScope = (eb: Eb) => Expression<SqlBool>;

export interface ScopeContext {
  userId: string | null;
  grant: Grant;
  /** The object's stable id, as shares record it. */
  objectId: string;
  /** The object's table: what a probing scope's subqueries refer back to. */
  table: string;
  /**
   * The query reads one record by id: its owner and its shares are probed by index, instead of gathering every
   * user and share within reach first (which a list needs once, but a read of one record would pay each time).
   */
  probe?: boolean;
  /**
   * SQLite only: the user reaches so large a share of the records that reading in the list's order and
   * skipping the rest beats gathering them by owner and sorting; the owner column is then written `+owner_id`,
   * which SQLite's planner does not serve from an index (its statistics cannot tell one user from another).
   */
  orderedScan?: boolean;
}

/** owner_id is the user, or a user in a role below theirs. */
function ownedWithinReach(
  eb: Eb,
  { userId, grant, orderedScan, probe, table }: ScopeContext,
): Expression<SqlBool> {
  const owner = orderedScan ? sql<string>`+${sql.ref('owner_id')}` : sql.ref<string>('owner_id');
  const own = eb(owner, '=', userId);
  if (!grant.rolesBelow.length) return own;
  const below = probe
    ? eb.exists(
        eb
          .selectFrom(USERS)
          .select(sql.lit(1).as('one'))
          .whereRef(`${USERS}.id`, '=', `${table}.owner_id`)
          .where('role', 'in', grant.rolesBelow),
      )
    : eb(owner, 'in', eb.selectFrom(USERS).select('id').where('role', 'in', grant.rolesBelow));
  return eb.or([own, below]);
}

/**
 * Rows shared with the user, with their role or one below it, or with someone below them. Each part of the
 * union is one probe of an index on the share table, so a query gathers only this user's shares (once), and
 * each candidate row then costs a set lookup, however many shares the object has in all.
 */
function sharedWithinReach(eb: Eb, ctx: ScopeContext, needEdit: boolean): Expression<SqlBool> {
  const { userId, grant } = ctx;
  const roles = grant.role === null ? [] : [grant.role, ...grant.rolesBelow];
  const shares = () => {
    const query = eb.selectFrom(SHARES).select('record_id').where('object_id', '=', ctx.objectId);
    return needEdit ? query.where('access', '=', 'edit') : query;
  };
  if (ctx.probe) return sharedProbe(eb, ctx, needEdit, roles);
  let union = shares().where('user_id', '=', userId);
  if (roles.length) union = union.union(shares().where('role', 'in', roles));
  if (grant.rolesBelow.length)
    union = union.union(
      shares().where(
        'user_id',
        'in',
        eb.selectFrom(USERS).select('id').where('role', 'in', grant.rolesBelow),
      ),
    );
  return eb('id', 'in', union);
}

/** The record's own shares (one index probe), any of them reaching the user. */
function sharedProbe(eb: Eb, ctx: ScopeContext, needEdit: boolean, roles: string[]): Expression<SqlBool> {
  const { userId, grant } = ctx;
  let query = eb
    .selectFrom(SHARES)
    .select(sql.lit(1).as('one'))
    .where('object_id', '=', ctx.objectId)
    .whereRef(`${SHARES}.record_id`, '=', `${ctx.table}.id`);
  if (needEdit) query = query.where('access', '=', 'edit');
  return eb.exists(
    query.where((s) =>
      s.or([
        s('user_id', '=', userId),
        ...(roles.length ? [s('role', 'in', roles)] : []),
        ...(grant.rolesBelow.length
          ? [
              s.exists(
                s
                  .selectFrom(`${USERS} as grantee`)
                  .select(sql.lit(1).as('one'))
                  .whereRef('grantee.id', '=', `${SHARES}.user_id`)
                  .where('grantee.role', 'in', grant.rolesBelow),
              ),
            ]
          : []),
      ]),
    ),
  );
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

/** The share of active users whose records a user reaches by ownership: themselves and those below them. */
export async function ownerShare(
  db: AnyDb,
  userId: string | null,
  rolesBelow: readonly string[],
): Promise<number> {
  const row = await db
    .selectFrom(USERS)
    .select((eb) => [
      eb.fn.countAll().as('everyone'),
      eb.fn
        .sum(
          eb
            .case()
            .when(
              eb.or([eb('id', '=', userId), ...(rolesBelow.length ? [eb('role', 'in', rolesBelow)] : [])]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('reached'),
    ])
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.everyone) === 0 ? 0 : Number(row.reached ?? 0) / Number(row.everyone);
}
