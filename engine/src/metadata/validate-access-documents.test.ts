import { describe, expect, it } from 'vitest';
import { object, text } from '../../test/documents.js';
import type { DocumentSet, PermissionSetDocument, RoleDocument } from './types.js';
import { validateDocuments } from './validate-documents.js';

const base = (roles: unknown[] = [], permissionSets: unknown[] = []): DocumentSet => ({
  objects: [object('account', { city: text() })],
  roles: roles as RoleDocument[],
  permissionSets: permissionSets as PermissionSetDocument[],
});
const issues = (set: DocumentSet) =>
  validateDocuments(set).map((i) => `${i.document} ${i.pointer} ${i.code}`);

describe('roles and permission sets', () => {
  it('accepts a hierarchy and sets that name real objects and fields', () => {
    const set = base(
      [
        { kind: 'role', apiName: 'ceo', label: { en: 'CEO', 'zh-CN': '总经理' } },
        { kind: 'role', apiName: 'rep', parent: 'ceo' },
      ],
      [
        {
          kind: 'permission_set',
          apiName: 'sales',
          objects: { account: { read: true, edit: true } },
          fields: { account: { city: 'read' } },
          system: { manageUsers: false },
        },
      ],
    );
    expect(issues(set)).toEqual([]);
  });

  it('refuses a parent that does not exist, a loop, and a name used twice', () => {
    expect(issues(base([{ kind: 'role', apiName: 'rep', parent: 'boss' }]))).toEqual([
      'role:rep /parent unknown_role',
    ]);
    expect(
      issues(
        base([
          { kind: 'role', apiName: 'a', parent: 'b' },
          { kind: 'role', apiName: 'b', parent: 'a' },
        ]),
      ),
    ).toEqual(['role:a /parent role_cycle', 'role:b /parent role_cycle']);
    expect(
      issues(
        base([
          { kind: 'role', apiName: 'a' },
          { kind: 'role', apiName: 'a' },
        ]),
      ),
    ).toEqual(['role:a /apiName duplicate_name']);
  });

  it('refuses permissions on objects or fields that do not exist, and unknown permissions', () => {
    const set = base(
      [],
      [
        {
          kind: 'permission_set',
          apiName: 'sales',
          objects: { ghost: { read: true } },
          fields: { account: { nope: 'read' }, ghost: { x: 'none' } },
        },
        { kind: 'permission_set', apiName: 'odd', objects: { account: { fly: true } } },
        { kind: 'permission_set', apiName: 'bad_field', fields: { account: { city: 'write' } } },
        { kind: 'permission_set', apiName: 'Not A Name' },
      ],
    );
    expect(issues(set)).toEqual([
      'permission_set:sales /objects/ghost unknown_object',
      'permission_set:sales /fields/account/nope unknown_field',
      'permission_set:sales /fields/ghost unknown_object',
      'permission_set:odd /objects/account/fly unknown_property',
      expect.stringMatching(/^permission_set:bad_field \/fields\/account\/city /),
      expect.stringMatching(/^permission_set:Not A Name \/apiName /),
    ]);
  });
});
