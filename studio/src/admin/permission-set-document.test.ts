/** The permission-set editor's documents are ones the engine accepts; implications stay consistent. */
import { validateDocuments } from '@tessera/engine';
import type { PermissionSetDocument } from '@tessera/engine/types';
import { describe, expect, it } from 'vitest';
import {
  blankPermissionSet,
  canReviewPermissionSet,
  fieldAccessOf,
  grantedObjectCount,
  type PermissionSetAnswers,
  permissionSetAnswersOf,
  permissionSetDocument,
  setFieldAccess,
  setObjectPermission,
  withImplied,
} from './permission-set-document.js';

const machine = {
  type: 'object',
  'x-tessera': { apiName: 'machine', nameField: 'name' },
  properties: {
    name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } },
    serial_no: { type: 'string', maxLength: 64, 'x-tessera': { field: 'text' } },
    notes: { type: 'string', maxLength: 255, 'x-tessera': { field: 'text' } },
  },
  required: ['name'],
};
const site = {
  type: 'object',
  'x-tessera': { apiName: 'site', nameField: 'name' },
  properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } },
  required: ['name'],
};

const issuesOf = (set: PermissionSetDocument) =>
  validateDocuments({ objects: [machine, site] as never, permissionSets: [set] }).map(
    (i) => `${i.pointer} ${i.code}`,
  );

const answers: PermissionSetAnswers = {
  apiName: 'operator',
  labelEn: ' Operator ',
  labelZh: '操作员',
  objects: {
    machine: { read: true, create: true, edit: true, delete: true },
    site: { read: false, create: false },
  },
  fields: { machine: { serial_no: 'read', notes: 'none', name: 'edit' } },
  system: { manageUsers: false, viewAllData: true },
};

describe('permissionSetDocument', () => {
  it('makes a set the engine accepts, with only what is given', () => {
    const doc = permissionSetDocument(answers);
    expect(doc).toEqual({
      kind: 'permission_set',
      apiName: 'operator',
      label: { en: 'Operator', 'zh-CN': '操作员' },
      objects: { machine: { read: true, create: true, edit: true, delete: true } },
      fields: { machine: { notes: 'none', serial_no: 'read' } },
      system: { viewAllData: true },
    });
    expect(issuesOf(doc)).toEqual([]);
  });

  it('leaves out empty parts, and writes what a permission implies', () => {
    const doc = permissionSetDocument({
      ...blankPermissionSet(),
      apiName: 'auditor',
      labelEn: 'Auditor',
      objects: { site: { modifyAll: true } },
    });
    expect(doc).toEqual({
      kind: 'permission_set',
      apiName: 'auditor',
      label: { en: 'Auditor' },
      objects: {
        site: { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true },
      },
    });
    expect(issuesOf(doc)).toEqual([]);
  });

  it('keeps what the editor does not show of an existing set', () => {
    const existing: PermissionSetDocument = {
      ...permissionSetDocument(answers),
      label: { en: 'Old', fr: 'Opérateur' },
      description: { en: 'Runs the machines' },
    };
    const doc = permissionSetDocument({ ...permissionSetAnswersOf(existing), labelEn: 'New' }, existing);
    expect(doc.label).toEqual({ fr: 'Opérateur', en: 'New' });
    expect(doc.description).toEqual({ en: 'Runs the machines' });
    expect(issuesOf(doc)).toEqual([]);
  });

  it('is refused by the engine for a field that does not exist, so the server’s refusal is real', () => {
    const doc = permissionSetDocument(setFieldAccess(answers, 'machine', 'gone', 'none'));
    expect(issuesOf(doc)).toEqual(['/fields/machine/gone unknown_field']);
  });

  it('reads a set back as the same answers, implications applied', () => {
    const doc = permissionSetDocument(answers);
    const back = permissionSetAnswersOf(doc);
    expect(permissionSetDocument(back)).toEqual(doc);
    expect(
      permissionSetAnswersOf({ kind: 'permission_set', apiName: 'x', objects: { site: { edit: true } } }),
    ).toMatchObject({ labelEn: '', objects: { site: { read: true, edit: true } }, fields: {}, system: {} });
  });
});

describe('object permissions imply each other', () => {
  it('edit, delete and view all tick read; modify all ticks everything', () => {
    expect(setObjectPermission({}, 'edit', true)).toEqual({ edit: true, read: true });
    expect(setObjectPermission({}, 'delete', true)).toEqual({ delete: true, read: true });
    expect(setObjectPermission({}, 'viewAll', true)).toEqual({ viewAll: true, read: true });
    expect(setObjectPermission({}, 'modifyAll', true)).toEqual({
      read: true,
      create: true,
      edit: true,
      delete: true,
      viewAll: true,
      modifyAll: true,
    });
    expect(setObjectPermission({}, 'create', true)).toEqual({ create: true });
  });

  it('unticking one unticks what implies it', () => {
    const all = withImplied({ modifyAll: true });
    expect(setObjectPermission(all, 'read', false)).toEqual({
      read: false,
      create: true,
      edit: false,
      delete: false,
      viewAll: false,
      modifyAll: false,
    });
    expect(setObjectPermission(all, 'create', false)).toMatchObject({
      create: false,
      modifyAll: false,
      edit: true,
    });
    expect(setObjectPermission({ read: true, edit: true }, 'edit', false)).toEqual({
      read: true,
      edit: false,
    });
  });
});

describe('field access', () => {
  it('keeps only what differs from edit', () => {
    let a = setFieldAccess(blankPermissionSet(), 'machine', 'notes', 'none');
    expect(fieldAccessOf(a, 'machine', 'notes')).toBe('none');
    expect(fieldAccessOf(a, 'machine', 'name')).toBe('edit');
    a = setFieldAccess(a, 'machine', 'notes', 'edit');
    expect(a.fields).toEqual({});
  });
});

describe('canReviewPermissionSet and grantedObjectCount', () => {
  it('needs a valid name and a label', () => {
    expect(canReviewPermissionSet(answers)).toBe(true);
    expect(canReviewPermissionSet({ ...answers, apiName: 'Bad name' })).toBe(false);
    expect(canReviewPermissionSet({ ...answers, labelEn: ' ', labelZh: '' })).toBe(false);
  });

  it('counts the objects given at least one permission', () => {
    expect(grantedObjectCount(permissionSetDocument(answers))).toBe(1);
    expect(
      grantedObjectCount({ kind: 'permission_set', apiName: 'x', objects: { a: { read: false }, b: {} } }),
    ).toBe(0);
  });
});
