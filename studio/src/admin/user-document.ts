/**
 * The user editor's answers and the bodies they make: `POST /users` for a new user, `PATCH /users/{id}` with only
 * what changed for an existing one (a password only when a new one is typed). Pure, so it is unit-tested.
 */
import type { User } from '@tessera/engine';

/** A user as `GET /users` answers (never a password hash): the engine's own type. */
export type UserSummary = User;

export interface UserAnswers {
  email: string;
  name: string;
  /** A new user's password, or a new password for an existing one; blank keeps the current one. */
  password: string;
  /** Blank for no role. */
  role: string;
  permissionSets: string[];
  admin: boolean;
  active: boolean;
}

export const blankUser = (): UserAnswers => ({
  email: '',
  name: '',
  password: '',
  role: '',
  permissionSets: [],
  admin: false,
  active: true,
});

export const userAnswersOf = (user: UserSummary): UserAnswers => ({
  email: user.email,
  name: user.name,
  password: '',
  role: user.role ?? '',
  permissionSets: [...user.permissionSets],
  admin: user.admin,
  active: user.active,
});

/** The `POST /users` body: what was answered, trimmed; blank answers left out. */
export function newUserBody(a: UserAnswers): Record<string, unknown> {
  const name = a.name.trim();
  return {
    email: a.email.trim(),
    ...(name ? { name } : {}),
    ...(a.password ? { password: a.password } : {}),
    ...(a.role ? { role: a.role } : {}),
    ...(a.permissionSets.length ? { permissionSets: a.permissionSets } : {}),
    ...(a.admin ? { admin: true } : {}),
  };
}

const sameSets = (x: readonly string[], y: readonly string[]) =>
  x.length === y.length && [...x].sort().every((v, i) => v === [...y].sort()[i]);

/** The `PATCH /users/{id}` body: only what differs from the user as loaded. */
export function userPatch(user: UserSummary, a: UserAnswers): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const name = a.name.trim();
  if (name && name !== user.name) patch.name = name;
  if ((a.role || null) !== user.role) patch.role = a.role || null;
  if (!sameSets(a.permissionSets, user.permissionSets)) patch.permissionSets = a.permissionSets;
  if (a.admin !== user.admin) patch.admin = a.admin;
  if (a.active !== user.active) patch.active = a.active;
  if (a.password) patch.password = a.password;
  return patch;
}

/** The list ticked with `name` in or out, in the order the names are offered. */
export function toggleName(
  chosen: readonly string[],
  name: string,
  on: boolean,
  order: readonly string[],
): string[] {
  const set = new Set(chosen);
  if (on) set.add(name);
  else set.delete(name);
  const known = order.filter((n) => set.has(n));
  return [...known, ...[...set].filter((n) => !order.includes(n))];
}

/** Whether a new user's answers can be sent: an email at least (the server checks the rest). */
export const canCreateUser = (a: UserAnswers): boolean => a.email.trim() !== '';
