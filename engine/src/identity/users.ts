/**
 * The people of a workspace: email and password, a role, permission sets, and whether they are active. An
 * inactive user's tokens and sessions stop working at once (every authentication reads the user row); their
 * sessions are deleted and their tokens revoked, so making them active again brings neither back. Every
 * change is checked against the one acting (see `Access.requireWithin`): nobody gives more than they hold.
 * Sign-in attempts are throttled by the runtime (`SignInThrottle`), not here.
 */
import type { Access } from '../access/access.js';
import type { Subject } from '../access/subject.js';
import { type Issue, TesseraError } from '../errors.js';
import type { DocumentSet } from '../metadata/types.js';
import { newRecordId } from '../records/record-ids.js';
import type { AnyDb } from '../storage/storage.js';
import { SESSIONS, TOKENS, USERS, type UserRow } from './identity-tables.js';
import { checkInput, EMAIL, NAME } from './input.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { type DirectoryQuery, findUsers, type UserSummary } from './user-directory.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: string | null;
  permissionSets: string[];
  admin: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  email: string;
  name?: string;
  password?: string;
  role?: string | null;
  permissionSets?: string[];
  admin?: boolean;
}

export type UserPatch = Partial<Omit<NewUser, 'email'>> & { active?: boolean };

const API_NAMES = { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 100 };
const ROLE = { type: ['string', 'null'] };
const NEW_USER = {
  type: 'object',
  properties: {
    email: EMAIL,
    name: NAME,
    password: { type: 'string' },
    role: ROLE,
    permissionSets: API_NAMES,
    admin: { type: 'boolean' },
  },
  required: ['email'],
  additionalProperties: false,
};
const USER_PATCH = {
  type: 'object',
  properties: {
    name: NAME,
    password: { type: 'string' },
    role: ROLE,
    permissionSets: API_NAMES,
    admin: { type: 'boolean' },
    active: { type: 'boolean' },
  },
  additionalProperties: false,
};

export const toUser = (row: UserRow): User => ({
  id: String(row.id),
  email: row.email,
  name: row.name,
  role: row.role,
  permissionSets: JSON.parse(row.permission_sets),
  admin: Number(row.admin) === 1,
  active: Number(row.active) === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Roles and permission sets a user is given must exist in the workspace's metadata. */
function accessIssues(input: UserPatch, documents: DocumentSet): Issue[] {
  const issues: Issue[] = [];
  const roles = new Set((documents.roles ?? []).map((r) => r.apiName));
  const sets = new Set((documents.permissionSets ?? []).map((s) => s.apiName));
  if (typeof input.role === 'string' && !roles.has(input.role))
    issues.push({ pointer: '/role', code: 'unknown_role', message: `there is no role "${input.role}"` });
  input.permissionSets?.forEach((name, i) => {
    if (!sets.has(name))
      issues.push({
        pointer: `/permissionSets/${i}`,
        code: 'unknown_permission_set',
        message: `there is no permission set "${name}"`,
      });
  });
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) issues.push({ pointer: '/password', code: 'weak_password', message: problem });
  }
  return issues;
}

const refuse = (issues: Issue[]) => {
  if (issues.length) throw new TesseraError('validation_failed', 'the user is not valid', issues);
};

/** A new user's body, checked without writing anything (so a caller can check before it makes other things). */
export function checkNewUser(body: unknown, documents: DocumentSet): NewUser {
  const input = checkInput<NewUser>(NEW_USER, body, 'user');
  refuse(accessIssues(input, documents));
  return input;
}

export interface UpdateOptions {
  /** The session (by id) of a user changing their own password: it stays, their other sessions end. */
  keepSession?: string;
}

export class Users {
  constructor(
    private readonly db: AnyDb,
    /** What the one making the calls may do, under the current metadata. */
    private readonly actor: () => Access,
  ) {}

  async create(body: unknown, documents: DocumentSet): Promise<User> {
    const input = checkNewUser(body, documents);
    this.actor().requireWithin(
      {
        userId: null,
        admin: input.admin === true,
        role: input.role ?? null,
        permissionSets: input.permissionSets ?? [],
      },
      'create',
    );
    const email = normalizeEmail(input.email);
    if (await this.db.selectFrom(USERS).select('id').where('email', '=', email).executeTakeFirst())
      throw new TesseraError('unique_violation', `a user with email ${email} already exists`, [
        { pointer: '/email', code: 'unique', message: 'is already used by another user' },
      ]);
    const now = new Date().toISOString();
    const row: UserRow = {
      id: newRecordId(),
      email,
      name: input.name ?? email,
      password_hash: input.password === undefined ? null : await hashPassword(input.password),
      role: input.role ?? null,
      permission_sets: JSON.stringify(input.permissionSets ?? []),
      admin: input.admin ? 1 : 0,
      active: 1,
      failed_sign_ins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto(USERS).values(row).execute();
    return toUser(row);
  }

  /** Users as anyone signed in may see them (see user-directory.ts): for pickers and to name user fields' values. */
  async lookup(query: DirectoryQuery): Promise<UserSummary[]> {
    return findUsers(this.db, query);
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom(USERS).selectAll().orderBy('email').execute();
    return rows.map((r) => toUser(r as UserRow));
  }

  async get(id: string): Promise<User> {
    return toUser(await this.row(id));
  }

  /** The active workspace admin made first (the one a new workspace starts with), if there is one. */
  async firstAdmin(): Promise<User | undefined> {
    const row = await this.db
      .selectFrom(USERS)
      .selectAll()
      .where('admin', '=', 1)
      .where('active', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row && toUser(row as UserRow);
  }

  async update(
    id: string,
    body: unknown,
    documents: DocumentSet,
    options: UpdateOptions = {},
  ): Promise<User> {
    const patch = checkInput<UserPatch>(USER_PATCH, body, 'user');
    refuse(accessIssues(patch, documents));
    const before = subjectOf(toUser(await this.row(id)));
    const actor = this.actor();
    actor.requireWithin(before, 'change');
    actor.requireWithin(
      {
        ...before,
        admin: patch.admin ?? before.admin,
        role: patch.role === undefined ? before.role : patch.role,
        permissionSets: patch.permissionSets ?? before.permissionSets,
      },
      'change',
    );
    const changes: Partial<UserRow> = { updated_at: new Date().toISOString() };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.permissionSets !== undefined) changes.permission_sets = JSON.stringify(patch.permissionSets);
    if (patch.admin !== undefined) changes.admin = patch.admin ? 1 : 0;
    if (patch.active !== undefined) changes.active = patch.active ? 1 : 0;
    if (patch.password !== undefined) changes.password_hash = await hashPassword(patch.password);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable(USERS).set(changes).where('id', '=', id).execute();
      // A deactivated user, or one whose password changed, is signed out everywhere (but where they changed it).
      if (patch.active === false || patch.password !== undefined)
        await trx
          .deleteFrom(SESSIONS)
          .where('user_id', '=', id)
          .$if(options.keepSession !== undefined, (q) =>
            q.where('secret_hash', '!=', options.keepSession as string),
          )
          .execute();
      if (patch.active === false)
        await trx
          .updateTable(TOKENS)
          .set({ revoked_at: changes.updated_at as string })
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
    });
    return this.get(id);
  }

  /**
   * The active user with this email and password. Refusals do not say whether the email exists: an unknown
   * email is checked against a fixed hash, as slowly.
   */
  async verify(email: unknown, password: unknown): Promise<User> {
    const failed = () => new TesseraError('sign_in_failed', 'the email or password is not right');
    if (typeof email !== 'string' || typeof password !== 'string') throw failed();
    const row = (await this.db
      .selectFrom(USERS)
      .selectAll()
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst()) as UserRow | undefined;
    const ok = await verifyPassword(row?.password_hash ?? null, password);
    if (!row || !ok || Number(row.active) !== 1) throw failed();
    return toUser(row);
  }

  private async row(id: string): Promise<UserRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db.selectFrom(USERS).selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new TesseraError('unknown_user', `there is no user ${id}`);
    return row as UserRow;
  }
}

/** What the access rules need to know of a user. */
export const subjectOf = (user: User): Subject => ({
  userId: user.id,
  admin: user.admin,
  role: user.role,
  permissionSets: user.permissionSets,
});

/** Whether the id names an active user of the workspace. */
export async function activeUser(db: AnyDb, id: string): Promise<boolean> {
  const row = await db.selectFrom(USERS).select('active').where('id', '=', id).executeTakeFirst();
  return Number(row?.active) === 1;
}
