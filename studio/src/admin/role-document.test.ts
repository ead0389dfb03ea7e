/** The role editor's documents are ones the engine accepts; the tree and the parents offered never loop. */
import { validateDocuments } from '@tessera/engine';
import type { RoleDocument } from '@tessera/engine/types';
import { describe, expect, it } from 'vitest';
import {
  blankRole,
  canReviewRole,
  descendantsOf,
  flattenTree,
  parentChoices,
  roleAnswersOf,
  roleDocument,
  roleTree,
} from './role-document.js';

const role = (apiName: string, parent?: string): RoleDocument => ({
  kind: 'role',
  apiName,
  ...(parent ? { parent } : {}),
});

/** ceo → (manager → (operator_role → trainee), sales) and a second top, auditor. */
const ROLES: RoleDocument[] = [
  role('operator_role', 'manager'),
  role('trainee', 'operator_role'),
  role('sales', 'ceo'),
  role('manager', 'ceo'),
  role('ceo'),
  role('auditor'),
];

const issuesOf = (roles: RoleDocument[]) =>
  validateDocuments({ objects: [], roles }).map((i) => `${i.document} ${i.pointer} ${i.code}`);

describe('roleDocument', () => {
  it('makes a role the engine accepts, with only what is given', () => {
    const doc = roleDocument({
      apiName: ' operator_role ',
      labelEn: ' Operator ',
      labelZh: '操作员',
      parent: 'manager',
    });
    expect(doc).toEqual({
      kind: 'role',
      apiName: 'operator_role',
      label: { en: 'Operator', 'zh-CN': '操作员' },
      parent: 'manager',
    });
    expect(issuesOf([role('manager'), doc])).toEqual([]);
    const top = roleDocument({ ...blankRole(), apiName: 'manager', labelEn: 'Manager' });
    expect(top).toEqual({ kind: 'role', apiName: 'manager', label: { en: 'Manager' } });
    expect(issuesOf([top])).toEqual([]);
  });

  it('keeps what the editor does not show, and reads back what it wrote', () => {
    const existing: RoleDocument = {
      kind: 'role',
      apiName: 'manager',
      label: { en: 'Manager', 'zh-CN': '经理', fr: 'Gérant' },
      description: { en: 'Runs a team' },
      parent: 'ceo',
    };
    const a = roleAnswersOf(existing);
    expect(a).toEqual({ apiName: 'manager', labelEn: 'Manager', labelZh: '经理', parent: 'ceo' });
    const doc = roleDocument({ ...a, labelZh: '', parent: '' }, existing);
    expect(doc).toEqual({
      kind: 'role',
      apiName: 'manager',
      label: { fr: 'Gérant', en: 'Manager' },
      description: { en: 'Runs a team' },
    });
    expect(issuesOf([doc])).toEqual([]);
  });

  it('needs a valid API name and a label', () => {
    expect(canReviewRole(blankRole())).toBe(false);
    expect(canReviewRole({ ...blankRole(), apiName: 'Manager', labelEn: 'Manager' })).toBe(false);
    expect(canReviewRole({ ...blankRole(), apiName: 'manager' })).toBe(false);
    expect(canReviewRole({ ...blankRole(), apiName: 'manager', labelZh: '经理' })).toBe(true);
  });

  it('is refused by the engine when the parent chosen is gone or would loop', () => {
    expect(
      issuesOf([roleDocument({ ...blankRole(), apiName: 'rep', labelEn: 'Rep', parent: 'boss' })]),
    ).toEqual(['role:rep /parent unknown_role']);
    const looped = [role('a', 'b'), role('b', 'a')];
    expect(issuesOf(looped).some((i) => i.endsWith('role_cycle'))).toBe(true);
  });
});

describe('roleTree', () => {
  it('puts each role under its parent, siblings in order', () => {
    const shown = flattenTree(roleTree(ROLES)).map(
      ({ role, depth }) => `${'  '.repeat(depth)}${role.apiName}`,
    );
    expect(shown).toEqual(['auditor', 'ceo', '  manager', '    operator_role', '      trainee', '  sales']);
  });

  it('shows a role whose parent is gone, or that loops, at the top', () => {
    const tree = roleTree([role('orphan', 'gone'), role('a', 'b'), role('b', 'a'), role('self', 'self')]);
    expect(flattenTree(tree).map(({ role, depth }) => `${depth} ${role.apiName}`)).toEqual([
      '0 orphan',
      '0 self',
      '0 a',
      '1 b',
    ]);
  });

  it('orders siblings as asked (by label, say)', () => {
    const byLabel = roleTree([role('b'), role('a')], (x, y) => (x.apiName < y.apiName ? 1 : -1));
    expect(byLabel.map((n) => n.role.apiName)).toEqual(['b', 'a']);
  });
});

describe('parentChoices', () => {
  it('offers every other role but never the role itself nor one below it', () => {
    expect([...descendantsOf(ROLES, 'manager')].sort()).toEqual(['operator_role', 'trainee']);
    const names = (name: string) => parentChoices(ROLES, name).map(({ role }) => role.apiName);
    expect(names('manager')).toEqual(['auditor', 'ceo', 'sales']);
    expect(names('operator_role')).toEqual(['auditor', 'ceo', 'manager', 'sales']);
    expect(names('ceo')).toEqual(['auditor']);
    expect(names('')).toEqual(['auditor', 'ceo', 'manager', 'operator_role', 'trainee', 'sales']);
    // Whatever is offered, the hierarchy stays valid.
    for (const { role: parent } of parentChoices(ROLES, 'manager')) {
      const moved = ROLES.map((r) => (r.apiName === 'manager' ? { ...r, parent: parent.apiName } : r));
      expect(issuesOf(moved)).toEqual([]);
    }
  });

  it('stops at a loop rather than going round it', () => {
    expect([...descendantsOf([role('a', 'b'), role('b', 'a')], 'a')]).toEqual(['b']);
  });
});
