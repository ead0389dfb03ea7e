/**
 * The access matrix: for each rule (object permissions, field-level security, organization-wide defaults, the
 * role hierarchy, shares), the allowed case and the denied case, on every read and write path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import type { TesseraError } from '../errors.js';
import { subjectOf, type User } from '../identity/users.js';
import type { DocumentSet, PermissionSetDocument, SharingModel } from '../metadata/types.js';
import type { RecordApi, RecordData } from '../records/record-api.js';
import type { Workspace } from '../workspace.js';

const integer = { type: 'integer', 'x-tessera': { field: 'integer' } } as const;

function sharedObject(apiName: string, sharing: SharingModel) {
  const doc = object(apiName, { revenue: integer, secret_note: text() });
  doc['x-tessera'].sharing = sharing;
  return doc;
}

const account = sharedObject('account', 'private');
account['x-tessera'].trackHistory = true;
const contact = object('contact', {
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
});
const notice = sharedObject('notice', 'public_read');
const task = sharedObject('task', 'public_read_write');

const all = { read: true, create: true, edit: true, delete: true };
const permissionSets: PermissionSetDocument[] = [
  {
    kind: 'permission_set',
    apiName: 'sales',
    objects: { account: all, contact: { read: true, create: true, edit: true }, notice: all, task: all },
    fields: { account: { secret_note: 'none', revenue: 'read' } },
  },
  { kind: 'permission_set', apiName: 'reader', objects: { account: { read: true } } },
  { kind: 'permission_set', apiName: 'auditor', objects: { account: { viewAll: true } } },
  { kind: 'permission_set', apiName: 'cleaner', objects: { account: { modifyAll: true } } },
];
const roles = ['ceo', 'vp', 'director', 'manager', 'rep'].map((apiName, i, names) => ({
  kind: 'role' as const,
  apiName,
  ...(i > 0 ? { parent: names[i - 1] as string } : {}),
}));
const documents: DocumentSet = {
  objects: [account, contact, notice, task],
  roles,
  permissionSets,
};

const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as TesseraError).code ?? String(error);
  }
};
const issueCodes = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return [];
  } catch (error) {
    return (error as TesseraError).issues.map((i) => `${i.pointer}:${i.code}`);
  }
};
const names = (records: RecordData[]) => records.map((r) => r.name).sort();

describeEachDialect('access', (env) => {
  let ws: Workspace;
  const users: Record<string, User> = {};
  const as = (who: string): RecordApi => ws.recordsFor(subjectOf(users[who] as User));
  const own = (who: string, objectName: string, name: string, extra: RecordData = {}) =>
    ws.records.insert(
      objectName,
      { name, revenue: 10, secret_note: `${name} secret`, ...extra },
      {
        userId: (users[who] as User).id,
      },
    );
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(documents);
    const people: [string, { role?: string; permissionSets?: string[]; admin?: boolean }][] = [
      ['admin', { admin: true }],
      ['ceo', { role: 'ceo', permissionSets: ['sales'] }],
      ['manager', { role: 'manager', permissionSets: ['sales'] }],
      ['rep1', { role: 'rep', permissionSets: ['sales'] }],
      ['rep2', { role: 'rep', permissionSets: ['sales'] }],
      ['reader', { permissionSets: ['reader'] }],
      ['auditor', { permissionSets: ['auditor'] }],
      ['cleaner', { permissionSets: ['cleaner'] }],
      ['outsider', {}],
    ];
    for (const [name, options] of people)
      users[name] = await ws.users.create(
        { email: `${name}@example.com`, name, ...options },
        ws.model.documents,
      );
    for (const who of ['rep1', 'rep2', 'manager', 'ceo'])
      ids[`${who}_account`] = (await own(who, 'account', `${who} account`)).id as string;
    for (const who of ['rep1', 'rep2']) {
      ids[`${who}_notice`] = (await own(who, 'notice', `${who} notice`)).id as string;
      ids[`${who}_task`] = (await own(who, 'task', `${who} task`)).id as string;
    }
    ids.rep1_own_contact = (
      await ws.records.insert(
        'contact',
        { name: 'rep1 contact of rep1 account', account_id: ids.rep1_account },
        { userId: users.rep1?.id as string },
      )
    ).id as string;
    ids.rep1_contact = (
      await ws.records.insert(
        'contact',
        { name: 'rep1 contact of rep2 account', account_id: ids.rep2_account },
        { userId: users.rep1?.id as string },
      )
    ).id as string;
  });

  describe('object permissions', () => {
    it('reading needs read: an object without it does not exist for the user', async () => {
      expect(await code(as('outsider').list('account'))).toBe('unknown_object');
      expect(await code(as('outsider').get('account', ids.rep1_account as string))).toBe('unknown_object');
      expect(await code(as('outsider').count('account'))).toBe('unknown_object');
      expect(await code(as('reader').list('account'))).toBe('ok');
    });

    it('creating needs create, and the creator owns the record', async () => {
      expect(await code(as('reader').insert('account', { name: 'nope' }))).toBe('forbidden');
      const made = await as('rep1').insert('account', { name: 'made by rep1' });
      expect(made.owner_id).toBe(users.rep1?.id);
      expect(made.created_by).toBe(users.rep1?.id);
    });

    it('editing needs edit', async () => {
      const id = ids.rep1_account as string;
      expect(await code(as('reader').update('account', id, { name: 'x' }))).toBe('forbidden');
      expect(await code(as('rep1').update('account', id, { name: 'rep1 account' }))).toBe('ok');
    });

    it('deleting needs delete', async () => {
      const contactId = ids.rep1_contact as string;
      expect(await code(as('rep1').delete('contact', contactId))).toBe('forbidden');
      const doomed = await own('rep1', 'account', 'doomed');
      expect(await code(as('rep1').delete('account', doomed.id as string))).toBe('ok');
      expect(await code(ws.records.get('account', doomed.id as string))).toBe('record_not_found');
    });

    it('bulk needs every permission its operation may use, before any item is looked at', async () => {
      const request = { operation: 'upsert' as const, upsertKey: 'name', records: [{ name: 'x' }] };
      expect(await code(as('reader').bulk('account', request))).toBe('forbidden');
      expect(
        await code(as('outsider').bulk('account', { operation: 'create', records: [{ name: 'x' }] })),
      ).toBe('unknown_object');
    });

    it('view all reads every record; modify all also changes and deletes them', async () => {
      expect(names(await as('auditor').list('account', { limit: 500 }))).toEqual(
        expect.arrayContaining(['ceo account', 'rep2 account']),
      );
      expect(await code(as('auditor').update('account', ids.rep2_account as string, { name: 'x' }))).toBe(
        'forbidden',
      );
      const target = await own('rep2', 'account', 'cleaned');
      expect(await code(as('cleaner').update('account', target.id as string, { revenue: 1 }))).toBe('ok');
      expect(await code(as('cleaner').delete('account', target.id as string))).toBe('ok');
    });
  });

  describe('field-level security', () => {
    it('a hidden field never appears: not in records, pages, writes answers or expands', async () => {
      const record = await as('rep1').get('account', ids.rep1_account as string);
      expect(record).not.toHaveProperty('secret_note');
      expect(record.revenue).toBe(10);
      const [listed] = await as('rep1').list('account', { filter: { id: { eq: ids.rep1_account } } });
      expect(listed).not.toHaveProperty('secret_note');
      const made = await as('rep1').insert('account', { name: 'fls' });
      expect(made).not.toHaveProperty('secret_note');
      const page = await as('rep1').page('contact', {
        expand: ['account_id'],
        filter: { id: { eq: ids.rep1_own_contact } },
      });
      const expanded = (page.data[0]?._expanded as Record<string, RecordData> | undefined)?.account_id;
      expect(expanded?.name).toBe('rep1 account');
      expect(expanded).not.toHaveProperty('secret_note');
      // The admin sees it, as the same record.
      expect((await as('admin').get('account', ids.rep1_account as string)).secret_note).toBe(
        'rep1 account secret',
      );
    });

    it('filtering, sorting or selecting a hidden field is refused as if it did not exist', async () => {
      const rep = as('rep1');
      const admin = as('admin');
      const filter = { secret_note: { startsWith: 'rep2' } };
      expect(await issueCodes(rep.list('account', { filter }))).toEqual([
        '/filter/secret_note:unknown_field',
      ]);
      expect(await code(admin.list('account', { filter }))).toBe('ok');
      expect(await code(rep.list('account', { sort: 'secret_note' }))).toBe('invalid_query');
      expect(await code(admin.list('account', { sort: 'secret_note' }))).toBe('ok');
      expect(await code(rep.list('account', { fields: ['secret_note'] }))).toBe('invalid_query');
      expect(await code(rep.count('account', filter))).toBe('invalid_query');
    });

    it('a field the user may only read is a 422 on write; a hidden one is unknown; others are written', async () => {
      const rep = as('rep1');
      const id = ids.rep1_account as string;
      expect(
        await issueCodes(rep.update('account', id, { revenue: 99, secret_note: 'x', name: 'ok' })),
      ).toEqual(['/revenue:readOnly', '/secret_note:unknown']);
      expect(await issueCodes(rep.insert('account', { name: 'n', revenue: 5 }))).toEqual([
        '/revenue:readOnly',
      ]);
      expect((await ws.records.get('account', id)).revenue).toBe(10);
      expect(await code(as('admin').update('account', id, { revenue: 11 }))).toBe('ok');
      await as('admin').update('account', id, { revenue: 10 });
    });

    it("the user's model has no hidden field, and marks read-only ones", () => {
      const access = ws.accessFor(subjectOf(users.rep1 as User));
      const seen = access.object('account');
      expect([...seen.fields.keys()]).toEqual(['name', 'revenue']);
      expect(seen.fields.get('revenue')?.writable).toBe(false);
      expect([...access.view.objects.keys()].sort()).toEqual(['account', 'contact', 'notice', 'task']);
      expect([...ws.accessFor(subjectOf(users.reader as User)).view.objects.keys()]).toEqual(['account']);
    });
  });

  describe('record access', () => {
    it('private: a peer’s record is not found by id, update, delete, filter, count, sort or bulk', async () => {
      const rep = as('rep1');
      const theirs = ids.rep2_account as string;
      expect(await code(rep.get('account', theirs))).toBe('record_not_found');
      expect(await code(rep.update('account', theirs, { name: 'mine now' }))).toBe('record_not_found');
      expect(await code(rep.delete('account', theirs))).toBe('record_not_found');
      expect(await rep.list('account', { filter: { id: { eq: theirs } } })).toEqual([]);
      expect(await rep.count('account', { name: { eq: 'rep2 account' } })).toBe(0);
      const all = await rep.page('account', { sort: '-name', limit: 500, count: true });
      expect(all.data.every((r) => r.owner_id === users.rep1?.id)).toBe(true);
      expect(all.total).toBe(all.data.length);
      expect(
        await issueCodes(rep.bulk('account', { operation: 'update', records: [{ id: theirs, name: 'x' }] })),
      ).toEqual(['/records/0/id:not_found']);
      expect((await ws.records.get('account', theirs)).name).toBe('rep2 account');
    });

    it('private: a lookup to a record the user cannot see expands to null', async () => {
      const page = await as('rep1').page('contact', { expand: ['account_id'] });
      const row = page.data.find((r) => r.id === ids.rep1_contact);
      expect(row?.account_id).toBe(ids.rep2_account);
      expect(row?._expanded).toEqual({ account_id: null });
    });

    it('public read: everyone reads, only the owner (and above) changes', async () => {
      const rep = as('rep1');
      expect((await rep.get('notice', ids.rep2_notice as string)).name).toBe('rep2 notice');
      expect(await code(rep.update('notice', ids.rep2_notice as string, { name: 'x' }))).toBe('forbidden');
      expect(await code(rep.update('notice', ids.rep1_notice as string, { name: 'rep1 notice' }))).toBe('ok');
    });

    it('public read/write: everyone reads and edits, only the owner deletes', async () => {
      const rep = as('rep1');
      expect(await code(rep.update('task', ids.rep2_task as string, { name: 'rep2 task' }))).toBe('ok');
      expect(await code(rep.delete('task', ids.rep2_task as string))).toBe('forbidden');
    });

    it('the role hierarchy: managers reach their reports’ records, never the other way', async () => {
      const seenBy = async (who: string) =>
        names(
          await as(who).list('account', {
            filter: { name: { in: ['rep1 account', 'rep2 account', 'manager account', 'ceo account'] } },
          }),
        );
      expect(await seenBy('ceo')).toEqual(['ceo account', 'manager account', 'rep1 account', 'rep2 account']);
      expect(await seenBy('manager')).toEqual(['manager account', 'rep1 account', 'rep2 account']);
      expect(await seenBy('rep1')).toEqual(['rep1 account']);
      expect(
        await code(as('manager').update('account', ids.rep1_account as string, { name: 'rep1 account' })),
      ).toBe('ok');
      expect(await code(as('rep1').get('account', ids.manager_account as string))).toBe('record_not_found');
    });

    it('shares: read or edit with a user or a role; never delete; only the owner side manages them', async () => {
      const theirs = ids.rep2_account as string;
      expect(await code(as('rep1').shares('account', theirs))).toBe('record_not_found');
      const share = await as('rep2').share('account', theirs, { userId: users.rep1?.id, access: 'read' });
      expect((await as('rep1').get('account', theirs)).name).toBe('rep2 account');
      expect(await code(as('rep1').update('account', theirs, { name: 'x' }))).toBe('forbidden');
      expect(await code(as('rep1').shares('account', theirs))).toBe('forbidden');
      await as('rep2').unshare('account', theirs, share.id);
      expect(await code(as('rep1').get('account', theirs))).toBe('record_not_found');

      const byRole = await as('rep2').share('account', theirs, { role: 'rep', access: 'edit' });
      expect(await code(as('rep1').update('account', theirs, { name: 'rep2 account' }))).toBe('ok');
      expect(await code(as('rep1').delete('account', theirs))).toBe('forbidden');
      await as('rep2').unshare('account', theirs, byRole.id);
      expect(await code(as('rep1').get('account', theirs))).toBe('record_not_found');
    });

    it('a share with someone below, or with a role below, reaches their managers too: by id, in lists, in writes', async () => {
      const ceos = ids.ceo_account as string;
      const listed = async (who: string) =>
        (await as(who).list('account', { filter: { id: { eq: ceos } } })).map((r) => r.name);
      expect(await code(as('manager').get('account', ceos))).toBe('record_not_found');
      const withRep = await as('ceo').share('account', ceos, { userId: users.rep1?.id, access: 'edit' });
      expect((await as('manager').get('account', ceos)).name).toBe('ceo account');
      expect(await listed('manager')).toEqual(['ceo account']);
      expect(await code(as('manager').update('account', ceos, { name: 'ceo account' }))).toBe('ok');
      expect(await code(as('rep2').get('account', ceos))).toBe('record_not_found');
      await as('ceo').unshare('account', ceos, withRep.id);
      expect(await code(as('manager').get('account', ceos))).toBe('record_not_found');
      expect(await code(as('manager').update('account', ceos, { name: 'x' }))).toBe('record_not_found');

      const withRole = await as('ceo').share('account', ceos, { role: 'rep', access: 'read' });
      expect((await as('manager').get('account', ceos)).name).toBe('ceo account');
      expect((await as('rep2').get('account', ceos)).name).toBe('ceo account');
      expect(await code(as('manager').update('account', ceos, { name: 'x' }))).toBe('forbidden');
      await as('ceo').unshare('account', ceos, withRole.id);
      expect(await listed('manager')).toEqual([]);
    });

    it('a share names a real user or role with a real access level', async () => {
      const mine = ids.rep1_account as string;
      expect(await issueCodes(as('rep1').share('account', mine, { role: 'nobody', access: 'read' }))).toEqual(
        ['/role:unknown_role'],
      );
      expect(await code(as('rep1').share('account', mine, { userId: users.rep2?.id, access: 'own' }))).toBe(
        'validation_failed',
      );
      expect(await as('rep1').shares('account', mine)).toEqual([]);
    });
  });

  describe('ownership transfer', () => {
    it('the owner (or a manager above) gives a record away; the new owner reaches it, the old one not', async () => {
      const id = (await own('rep1', 'account', 'handed over')).id as string;
      const to = (who: string) => ({ ownerId: users[who]?.id });
      expect(await code(as('rep2').transfer('account', id, to('rep2')))).toBe('record_not_found');
      expect(await code(as('reader').transfer('account', id, to('rep2')))).toBe('forbidden');
      const nobody = { ownerId: '01900000-0000-7000-8000-000000000000' };
      expect(await issueCodes(as('rep1').transfer('account', id, nobody))).toEqual(['/ownerId:unknown_user']);
      expect(await issueCodes(as('rep1').transfer('account', id, {}))).toEqual(['/ownerId:required']);
      const moved = await as('rep1').transfer('account', id, to('rep2'));
      expect(moved.owner_id).toBe(users.rep2?.id);
      expect(moved.version).toBe(2);
      expect((await as('rep2').get('account', id)).name).toBe('handed over');
      expect(await code(as('rep1').get('account', id))).toBe('record_not_found');
      expect(await code(as('manager').transfer('account', id, to('rep1')))).toBe('ok');
    });
  });

  describe('mass assignment', () => {
    it('system fields in a write are refused, and nothing is written', async () => {
      const rep = as('rep1');
      const stolen = { name: 'x', owner_id: users.rep2?.id, created_by: users.rep2?.id, version: 7 };
      expect(await issueCodes(rep.insert('account', stolen))).toEqual([
        '/owner_id:readOnly',
        '/created_by:readOnly',
        '/version:readOnly',
      ]);
      expect(
        await issueCodes(rep.update('account', ids.rep1_account as string, { owner_id: users.rep2?.id })),
      ).toEqual(['/owner_id:readOnly']);
      expect((await ws.records.get('account', ids.rep1_account as string)).owner_id).toBe(users.rep1?.id);
    });
  });

  describe('field history', () => {
    it('keeps each change of a tracked object; readers see only fields and records they may read', async () => {
      const id = (await own('rep1', 'account', 'tracked')).id as string;
      await as('rep1').update('account', id, { name: 'tracked 2' });
      await as('admin').update('account', id, { secret_note: 'changed', revenue: 12 });
      const forAdmin = await as('admin').history('account', id);
      expect(forAdmin.map((c) => [c.field, c.oldValue, c.newValue])).toEqual(
        expect.arrayContaining([
          ['name', 'tracked', 'tracked 2'],
          ['secret_note', 'tracked secret', 'changed'],
          ['revenue', 10, 12],
        ]),
      );
      expect(forAdmin.find((c) => c.field === 'name')?.changedBy).toBe(users.rep1?.id);
      const forRep = await as('rep1').history('account', id);
      expect(forRep.map((c) => c.field).sort()).toEqual(['name', 'revenue']);
      expect(await code(as('rep2').history('account', id))).toBe('record_not_found');
    });
  });
});
