/** The user editor sends what was answered: a new user's body, and only what changed of an existing one. */
import { describe, expect, it } from 'vitest';
import {
  blankUser,
  canCreateUser,
  newUserBody,
  toggleName,
  type UserSummary,
  userAnswersOf,
  userPatch,
} from './user-document.js';

const user: UserSummary = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  email: 'li@example.com',
  name: 'Li Wei',
  role: null,
  permissionSets: ['operator', 'sales'],
  admin: false,
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('newUserBody', () => {
  it('sends what was answered, trimmed, and leaves blanks out', () => {
    expect(newUserBody({ ...blankUser(), email: ' a@example.com ' })).toEqual({ email: 'a@example.com' });
    expect(
      newUserBody({
        ...blankUser(),
        email: 'a@example.com',
        name: ' A ',
        password: 'correct horse',
        role: 'rep',
        permissionSets: ['operator'],
        admin: true,
      }),
    ).toEqual({
      email: 'a@example.com',
      name: 'A',
      password: 'correct horse',
      role: 'rep',
      permissionSets: ['operator'],
      admin: true,
    });
    expect(canCreateUser(blankUser())).toBe(false);
  });
});

describe('userPatch', () => {
  it('is empty when nothing changed, whatever the order of the sets', () => {
    expect(userPatch(user, userAnswersOf(user))).toEqual({});
    expect(userPatch(user, { ...userAnswersOf(user), permissionSets: ['sales', 'operator'] })).toEqual({});
  });

  it('says only what changed; a password only when typed; no role as null', () => {
    const a = { ...userAnswersOf({ ...user, role: 'rep' }), name: 'Li', permissionSets: [], active: false };
    expect(userPatch({ ...user, role: 'rep' }, { ...a, role: '' })).toEqual({
      name: 'Li',
      role: null,
      permissionSets: [],
      active: false,
    });
    expect(userPatch(user, { ...userAnswersOf(user), password: 'a new password' })).toEqual({
      password: 'a new password',
    });
  });
});

describe('toggleName', () => {
  it('keeps the offered order', () => {
    expect(toggleName(['c'], 'a', true, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(toggleName(['a', 'c'], 'a', false, ['a', 'b', 'c'])).toEqual(['c']);
  });
});
