/**
 * Search on both dialects: a word inside a name, a word inside a Chinese name, a field marked searchable, the
 * index following creates, updates, deletes, bulk writes and metadata changes, and the caller's access
 * (object permission, record scope, field-level security) deciding what is found and shown.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { changed, object, text } from '../../test/documents.js';
import { subjectOf, type User } from '../identity/users.js';
import type { DocumentSet, PermissionSetDocument } from '../metadata/types.js';
import type { RecordApi } from '../records/record-api.js';
import type { Workspace } from '../workspace.js';
import type { SearchGroup } from './search-records.js';

const account = object('account', {
  industry: text({ 'x-tessera': { field: 'text', searchable: true } }),
  secret_note: text({ 'x-tessera': { field: 'text', searchable: true } }),
  code: text(),
});
const memo = object('memo', {});
memo['x-tessera'].sharing = 'public_read';

const permissionSets: PermissionSetDocument[] = [
  {
    kind: 'permission_set',
    apiName: 'sales',
    objects: { account: { read: true, create: true, edit: true, delete: true } },
    fields: { account: { secret_note: 'none' } },
  },
];
const documents: DocumentSet = { objects: [account, memo], permissionSets };

/** What a search found: `object:name` per hit, sorted. */
const found = (groups: SearchGroup[]) =>
  groups.flatMap((g) => g.records.map((r) => `${g.object}:${r.name}`)).sort();

describeEachDialect('search', (env) => {
  let ws: Workspace;
  const users: Record<string, User> = {};
  const as = (who: string): RecordApi => ws.recordsFor(subjectOf(users[who] as User));
  const search = (q: string, who?: string, objects?: string[]) =>
    (who ? as(who) : ws.records).search({ q, ...(objects ? { objects } : {}) }).then(found);

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(documents);
    users.admin = await ws.users.create(
      { email: 'a@example.com', name: 'a', admin: true },
      ws.model.documents,
    );
    for (const name of ['rep1', 'rep2'])
      users[name] = await ws.users.create(
        { email: `${name}@example.com`, name, permissionSets: ['sales'] },
        ws.model.documents,
      );
    users.outsider = await ws.users.create({ email: 'o@example.com', name: 'o' }, ws.model.documents);
    const owned = (who: string) => ({ userId: (users[who] as User).id });
    await ws.records.insertMany(
      'account',
      [
        { name: 'Acme Industrial Supply', industry: 'Machinery', code: 'zebra' },
        { name: '上海华联超市', industry: '零售', secret_note: 'hidden treasure' },
        { name: 'Globex Corporation', industry: 'Energy' },
      ],
      owned('rep1'),
    );
    await ws.records.insert('account', { name: 'Initech Acme branch', industry: 'Software' }, owned('rep2'));
    await ws.records.insert('memo', { name: 'Acme visit notes' }, owned('rep2'));
  });

  it('finds a record by a word inside its name, in any case, grouped by object', async () => {
    const groups = await ws.records.search({ q: 'acme' });
    expect(groups.map((g) => g.object)).toEqual(['account', 'memo']);
    expect(found(groups)).toEqual([
      'account:Acme Industrial Supply',
      'account:Initech Acme branch',
      'memo:Acme visit notes',
    ]);
    expect(await search('DUSTRI')).toEqual(['account:Acme Industrial Supply']);
    expect(await search('acme supply')).toEqual(['account:Acme Industrial Supply']);
    expect(await search('acme nothing')).toEqual([]);
  });

  it('finds a word inside a Chinese name, two characters or more', async () => {
    expect(await search('华联')).toEqual(['account:上海华联超市']);
    expect(await search('华联超市')).toEqual(['account:上海华联超市']);
    expect(await search('北京')).toEqual([]);
  });

  it('matches the fields marked searchable, not the others, and names the field matched', async () => {
    const [group] = await ws.records.search({ q: 'machin' });
    expect(group?.records).toEqual([
      expect.objectContaining({ name: 'Acme Industrial Supply', field: 'industry', snippet: 'Machinery' }),
    ]);
    expect(await search('zebra')).toEqual([]);
    expect(await search('零售')).toEqual(['account:上海华联超市']);
  });

  it('takes LIKE wildcards and FTS syntax in a query as plain text', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('a_m')).toEqual([]);
    expect(await search('"acme')).toEqual([]);
    expect(await search('acme OR globex')).toEqual([]);
  });

  it('follows creates, updates, deletes and bulk writes', async () => {
    const created = await ws.records.insert('account', { name: 'Umbrella Pharma' });
    expect(await search('umbrella')).toEqual(['account:Umbrella Pharma']);
    await ws.records.update('account', created.id as string, { name: 'Hooli Pharma' });
    expect(await search('umbrella')).toEqual([]);
    expect(await search('hooli')).toEqual(['account:Hooli Pharma']);
    const bulk = await ws.records.bulk('account', {
      operation: 'update',
      records: [{ id: created.id, name: 'Vandelay Pharma' }],
    });
    expect(bulk).toMatchObject([{ status: 'updated' }]);
    expect(await search('vandelay')).toEqual(['account:Vandelay Pharma']);
    await ws.records.bulk('account', { operation: 'create', records: [{ name: 'Kramerica Pharma' }] });
    expect(await search('kramerica')).toEqual(['account:Kramerica Pharma']);
    await ws.records.delete('account', created.id as string);
    expect(await search('pharma')).toEqual(['account:Kramerica Pharma']);
  });

  it('refuses an empty query, too many words and a bad limit, naming the problem', async () => {
    for (const [query, pointer] of [
      [{ q: '  ' }, '/q'],
      [{ q: 'a b c d e f g h i' }, '/q'],
      [{ q: 'x'.repeat(201) }, '/q'],
      [{ q: 'acme', limit: 0 }, '/limit'],
      [{ q: 'acme', limit: 51 }, '/limit'],
      [{ q: 'acme', limit: 1.5 }, '/limit'],
    ] as const)
      await expect(ws.records.search(query)).rejects.toMatchObject({
        code: 'invalid_query',
        issues: [expect.objectContaining({ pointer })],
      });
    await expect(ws.records.search({ q: 'acme', objects: ['nope'] })).rejects.toMatchObject({
      code: 'unknown_object',
    });
    const limited = await ws.records.search({ q: 'acme', limit: 1 });
    expect(limited.map((g) => g.records.length)).toEqual([1, 1]);
  });

  it('shows a user only the records they may read, and never matches a field hidden from them', async () => {
    // rep1 owns three private accounts; rep2's account is not theirs; memo is not readable with `sales`.
    expect(await search('acme', 'rep1')).toEqual(['account:Acme Industrial Supply']);
    expect(await search('initech', 'rep1')).toEqual([]);
    expect(await search('acme', 'rep2')).toEqual(['account:Initech Acme branch']);
    expect(await search('acme', 'outsider')).toEqual([]);
    await expect(as('rep1').search({ q: 'acme', objects: ['memo'] })).rejects.toMatchObject({
      code: 'unknown_object',
    });
    // secret_note is searchable, but not readable for `sales`: not matched, not shown.
    expect(await search('treasure', 'rep1')).toEqual([]);
    expect(await search('treasure')).toEqual(['account:上海华联超市']);
    const [group] = await as('rep1').search({ q: '华联' });
    expect(Object.keys(group?.records[0] ?? {}).sort()).toEqual(['field', 'id', 'name', 'snippet']);
  });

  it('indexes anew when a deploy marks a field searchable, and drops what is no longer searchable', async () => {
    expect(await search('zebra')).toEqual([]);
    await ws.deploy(
      changed(ws.model.documents, 'account', (doc) => {
        (doc.properties.code as { 'x-tessera': { searchable?: boolean } })['x-tessera'].searchable = true;
        (doc.properties.industry as { 'x-tessera': { searchable?: boolean } })['x-tessera'].searchable =
          false;
      }),
    );
    expect(await search('zebra')).toEqual(['account:Acme Industrial Supply']);
    expect(await search('machinery')).toEqual([]);
    const withoutMemo = structuredClone(ws.model.documents);
    withoutMemo.objects = withoutMemo.objects.filter((o) => o['x-tessera'].apiName !== 'memo');
    await ws.deploy(withoutMemo);
    expect(await search('visit')).toEqual([]);
    await ws.restoreObject('memo');
    expect(await search('visit')).toEqual(['memo:Acme visit notes']);
  });

  it('refuses `searchable` on a field type that is not text', async () => {
    const numbered = object('gauge', {
      level: { type: 'integer', 'x-tessera': { field: 'integer', searchable: true } },
    });
    await expect(ws.deploy({ ...ws.model.documents, objects: [numbered] })).rejects.toMatchObject({
      code: 'invalid_documents',
    });
  });
});
