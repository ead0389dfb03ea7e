import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import type {
  Issue,
  LayoutDocument,
  ObjectDocument,
  PropertyDocument,
  ValidationRuleDocument,
} from '../index.js';
import type { Workspace } from '../workspace.js';
import { installPackage, packageSummaries, uninstallPackage } from './package-installer.js';
import type { PackageSource } from './plan-install.js';

const picklist = (values: string[]): PropertyDocument => ({
  type: 'string',
  enum: values,
  'x-tessera': {
    field: 'picklist',
    label: { en: 'Channel', 'zh-CN': '渠道' },
    options: values.map((value) => ({ value, label: { en: value, 'zh-CN': value } })),
  },
});
const lookup = (target: string): PropertyDocument => ({
  type: 'string',
  format: 'uuid',
  'x-tessera': { field: 'lookup', target },
});
const money = (): PropertyDocument => ({ type: 'number', 'x-tessera': { field: 'currency' } });

function region(): ObjectDocument {
  return object('region', { code: text({ maxLength: 10 }) });
}

const note = () => object('note', { store: lookup('store') });

function store(): ObjectDocument {
  const doc = object('store', {
    channel: picklist(['hyper', 'super']),
    region: lookup('region'),
    credit: money(),
  });
  doc['x-tessera'].label = { en: 'Store', 'zh-CN': '门店' };
  (doc.properties.credit as PropertyDocument)['x-tessera'].label = { en: 'Credit', 'zh-CN': '信用' };
  return doc;
}

const layout = (): LayoutDocument => ({
  kind: 'layout',
  apiName: 'store_default',
  object: 'store',
  label: { en: 'Store' },
  sections: [
    {
      id: 'main',
      label: { en: 'Details' },
      columns: 2,
      items: [
        { field: 'name', column: 1 },
        { field: 'channel', column: 2 },
      ],
    },
  ],
});

const creditRule = (): ValidationRuleDocument => ({
  kind: 'validation_rule',
  apiName: 'credit_not_negative',
  object: 'store',
  formula: 'credit < 0',
  field: 'credit',
  message: { en: 'Credit cannot be negative', 'zh-CN': '信用额度不能为负' },
});

const REGIONS = 'name,code\nEast 华东,E\nNorth 华北,N\n';
const STORES = 'name,channel,region,credit\n联华超市,super,East 华东,1000.50\nMega Mart,hyper,North 华北,\n';

function v1(
  data = [
    { file: 'data/region.csv', text: REGIONS },
    { file: 'data/store.csv', text: STORES },
  ],
): PackageSource {
  return {
    manifest: { name: 'retail', version: '1.0.0', label: { en: 'Retail', 'zh-CN': '零售' } },
    // A note that links to a store comes first: restoring them, its link waits for the store's table.
    documents: { objects: [note(), region(), store()], layouts: [layout()] },
    data,
  };
}

function v2(): PackageSource {
  const s = store();
  s.properties.opened = { type: 'string', format: 'date', 'x-tessera': { field: 'date' } };
  (s.properties.credit as PropertyDocument)['x-tessera'].label = { en: 'Credit limit', 'zh-CN': '信用额度' };
  return {
    manifest: { name: 'retail', version: '1.1.0' },
    documents: { objects: [note(), region(), s], layouts: [layout()], validationRules: [creditRule()] },
    data: [{ file: 'data/store.csv', text: 'name\nNever loaded on upgrade\n' }],
  };
}

const storeDoc = (ws: Workspace) => ws.model.object('store').document;
const count = async (ws: Workspace, object: string) => (await ws.records.list(object, { limit: 500 })).length;

describeEachDialect('packages', (env) => {
  it('installs a package with its seed data, lookups found by natural key, and records what it owns', async () => {
    const ws = await env.open();
    const result = await installPackage(ws, v1());
    expect(result).toMatchObject({
      action: 'install',
      applied: true,
      seeded: { 'data/region.csv': 2, 'data/store.csv': 2 },
    });
    const east = (await ws.records.list('region')).find((r) => r.code === 'E');
    const stores = await ws.records.list('store', { sort: 'name' });
    expect(stores.map((s) => [s.name, s.region, s.credit])).toEqual([
      ['Mega Mart', expect.any(String), null],
      ['联华超市', east?.id, 1000.5],
    ]);
    expect(packageSummaries(ws)).toEqual([
      {
        name: 'retail',
        version: '1.0.0',
        label: { en: 'Retail', 'zh-CN': '零售' },
        dependencies: {},
        owns: { object: ['note', 'region', 'store'], layout: ['store_default'] },
      },
    ]);
    // The same version again changes nothing and loads no data twice.
    const again = await installPackage(ws, v1());
    expect(again).toMatchObject({ action: 'reinstall', applied: false, seeded: {} });
    expect(await count(ws, 'store')).toBe(2);
  });

  it('gives the seed records to the installing user, who can then reach them like any they made', async () => {
    const ws = await env.open();
    const admin = await ws.users.create(
      { email: 'boss@example.com', name: 'Boss', password: 'correct horse battery', admin: true },
      ws.model.documents,
    );
    await installPackage(ws, v1(), { owner: admin.id });
    const stores = await ws.records.list('store');
    expect(stores.map((s) => [s.owner_id, s.created_by])).toEqual([
      [admin.id, admin.id],
      [admin.id, admin.id],
    ]);
  });

  it('upgrades: the new version lands, an admin’s customizations survive, no record is lost', async () => {
    const ws = await env.open();
    await installPackage(ws, v1());
    // The admin's customizations: an extra field, a changed label, an extra picklist value, a changed layout.
    const docs = structuredClone(ws.model.documents);
    const s = docs.objects.find((o) => o['x-tessera'].apiName === 'store') as ObjectDocument;
    s.properties.manager = text();
    s['x-tessera'].label = { en: 'Outlet', 'zh-CN': '网点' };
    const channel = s.properties.channel as PropertyDocument;
    channel.enum = [...(channel.enum as string[]), 'online'];
    channel['x-tessera'].options = [
      ...(channel['x-tessera'].options ?? []),
      { value: 'online', label: { en: 'Online', 'zh-CN': '线上' } },
    ];
    const l = docs.layouts?.[0] as LayoutDocument;
    l.sections[0]?.items.push({ field: 'manager', column: 2 });
    await ws.deploy(docs);

    const result = await installPackage(ws, v2());
    expect(result).toMatchObject({
      action: 'upgrade',
      previousVersion: '1.0.0',
      applied: true,
      kept: [],
      seeded: {},
    });
    const doc = storeDoc(ws);
    expect(Object.keys(doc.properties)).toEqual(['name', 'channel', 'region', 'credit', 'opened', 'manager']);
    expect(doc['x-tessera'].label).toEqual({ en: 'Outlet', 'zh-CN': '网点' });
    expect(doc.properties.credit?.['x-tessera'].label).toEqual({ en: 'Credit limit', 'zh-CN': '信用额度' });
    expect(doc.properties.channel?.enum).toEqual(['hyper', 'super', 'online']);
    expect(ws.model.documents.layouts?.[0]?.sections[0]?.items.map((i) => i.field)).toEqual([
      'name',
      'channel',
      'manager',
    ]);
    expect(ws.model.documents.validationRules?.map((r) => r.apiName)).toEqual(['credit_not_negative']);
    expect(await count(ws, 'store')).toBe(2);
    await expect(
      ws.records.insert('store', { name: 'x', channel: 'online', credit: -1 }),
    ).rejects.toMatchObject({
      issues: [{ rule: 'credit_not_negative' }],
    });
    expect(packageSummaries(ws)[0]?.version).toBe('1.1.0');
    // The history tells the package's own change in a few lines; its documents' changes are diffed on their own.
    const diff = await ws.diff(result.metadataVersion - 1, result.metadataVersion);
    expect(diff.find((d) => d.kind === 'package')).toEqual({
      kind: 'package',
      name: 'retail',
      change: 'changed',
      changes: [
        { pointer: '/version', before: '1.0.0', after: '1.1.0' },
        // v2's manifest has no label.
        { pointer: '/label', before: { en: 'Retail', 'zh-CN': '零售' } },
        { pointer: '/shipped' },
      ],
    });
    expect(diff.find((d) => d.kind === 'validation_rule')).toMatchObject({
      name: 'credit_not_negative',
      change: 'added',
    });
  });

  it('follows a field the new version renames (same stable id) with its values and the admin’s label', async () => {
    const ws = await env.open();
    const withIds = (doc: ObjectDocument) => {
      (doc.properties.credit as PropertyDocument)['x-tessera'].id = 'retail_store_credit';
      return doc;
    };
    const first = v1();
    first.documents.objects = [note(), region(), withIds(store())];
    await installPackage(ws, first);
    const docs = structuredClone(ws.model.documents);
    const s = docs.objects.find((o) => o['x-tessera'].apiName === 'store') as ObjectDocument;
    (s.properties.credit as PropertyDocument)['x-tessera'].label = {
      en: 'Our credit',
      'zh-CN': '我们的信用',
    };
    await ws.deploy(docs);

    const renamed = v2();
    const next = withIds(store());
    next.properties = Object.fromEntries(
      Object.entries(next.properties).map(([name, p]) => [name === 'credit' ? 'credit_limit' : name, p]),
    );
    renamed.documents.objects = [note(), region(), next];
    renamed.documents.validationRules = [];
    const result = await installPackage(ws, renamed);
    expect(result.changes).toContain('Rename field "store.credit" to "credit_limit" (values kept)');
    const doc = storeDoc(ws);
    expect(doc.properties.credit).toBeUndefined();
    expect(doc.properties.credit_limit?.['x-tessera'].label).toEqual({
      en: 'Our credit',
      'zh-CN': '我们的信用',
    });
    const stores = await ws.records.list('store', { sort: 'name' });
    expect(stores.map((r) => r.credit_limit)).toEqual([null, 1000.5]);
  });

  it('keeps the admin’s value where the new version changes the same one, and says so', async () => {
    const ws = await env.open();
    await installPackage(ws, v1());
    const docs = structuredClone(ws.model.documents);
    const s = docs.objects.find((o) => o['x-tessera'].apiName === 'store') as ObjectDocument;
    (s.properties.credit as PropertyDocument)['x-tessera'].label = {
      en: 'Our credit',
      'zh-CN': '我们的信用',
    };
    await ws.deploy(docs);
    const result = await installPackage(ws, v2());
    expect(result.kept).toEqual([
      {
        kind: 'object',
        document: 'store',
        pointer: '/properties/credit/x-tessera/label/en',
        theirs: 'Credit limit',
      },
      {
        kind: 'object',
        document: 'store',
        pointer: '/properties/credit/x-tessera/label/zh-CN',
        theirs: '信用额度',
      },
    ]);
    expect(storeDoc(ws).properties.credit?.['x-tessera'].label).toEqual({
      en: 'Our credit',
      'zh-CN': '我们的信用',
    });
  });

  it('refuses, before anything changes, a missing or too-old dependency, a downgrade and another package’s document', async () => {
    const ws = await env.open();
    const needs = (range: string): PackageSource => ({
      manifest: { name: 'addon', version: '1.0.0', dependencies: { retail: range } },
      documents: { objects: [object('extra', {})] },
    });
    await expect(installPackage(ws, needs('^1.0.0'))).rejects.toMatchObject({
      code: 'package_dependency',
      issues: [{ pointer: '/dependencies/retail', code: 'missing_dependency' }],
    });
    await installPackage(ws, v1());
    await expect(installPackage(ws, needs('^1.1.0'))).rejects.toMatchObject({
      code: 'package_dependency',
      message: expect.stringContaining('needs retail ^1.1.0; 1.0.0 is installed'),
    });
    await installPackage(ws, v2());
    await expect(installPackage(ws, v1())).rejects.toMatchObject({ code: 'package_conflict' });
    // A version its dependents do not accept is refused too.
    await installPackage(ws, needs('^1.1.0'));
    const major = v2();
    major.manifest = { name: 'retail', version: '2.0.0' };
    await expect(installPackage(ws, major)).rejects.toMatchObject({
      code: 'package_dependency',
      issues: [{ code: 'breaks_dependent', message: 'addon 1.0.0 needs retail ^1.1.0' }],
    });
    const thief: PackageSource = {
      manifest: { name: 'thief', version: '1.0.0' },
      documents: { objects: [region()] },
    };
    await expect(installPackage(ws, thief)).rejects.toMatchObject({
      code: 'package_conflict',
      issues: [{ code: 'owned_by_other_package', message: 'object region belongs to package retail' }],
    });
    await expect(
      installPackage(ws, { manifest: { name: 'Bad Name', version: '1' }, documents: {} }),
    ).rejects.toMatchObject({
      code: 'invalid_package',
      issues: [{ pointer: '/name' }, { pointer: '/version' }],
    });
    expect(packageSummaries(ws).map((p) => `${p.name} ${p.version}`)).toEqual([
      'addon 1.0.0',
      'retail 1.1.0',
    ]);
  });

  it('refuses seed data with a bad row, naming the file and line, and installs nothing', async () => {
    const ws = await env.open();
    const cases: [string, string, object][] = [
      ['data/store.csv', 'name,credit\nA,12x\n', { pointer: '/2/credit', code: 'bad_value' }],
      ['data/store.csv', 'name,region\nA,Nowhere\n', { pointer: '/2/region', code: 'unknown_key' }],
      ['data/store.csv', 'name,credit\nA,1\nB,-5\n', { pointer: '/3/credit', code: 'rule' }],
      ['data/store.csv', 'name,color\nA,red\n', { pointer: '/1/color', code: 'unknown_field' }],
      ['data/shop.csv', 'name\nA\n', { code: 'unknown_object' }],
    ];
    for (const [file, csv, issue] of cases) {
      const pkg = v2();
      pkg.manifest = { name: 'retail', version: '1.0.0' };
      pkg.data = [
        { file: 'data/region.csv', text: REGIONS },
        { file, text: csv },
      ];
      await expect(installPackage(ws, pkg)).rejects.toMatchObject({
        code: 'invalid_seed_data',
        issues: [{ document: file, ...issue }],
      });
    }
    expect(ws.model.version).toBe(0);
    expect(ws.model.objects.size).toBe(0);
    expect(packageSummaries(ws)).toEqual([]);
  });

  it('finds every kind of bad seed row in one run, on a dry run as on an install, and installs nothing', async () => {
    const ws = await env.open();
    const pkg = v2();
    pkg.manifest = { name: 'retail', version: '1.0.0' };
    pkg.data = [
      { file: 'data/region.csv', text: `${REGIONS}West,W,extra\n` },
      {
        file: 'data/store.csv',
        text: [
          'name,channel,region,credit,opened',
          'Good,super,East 华东,1,2026-02-28',
          'Lookup,super,Nowhere,1,',
          'Date,super,East 华东,1,2026-02-30',
          'Picklist,mega,East 华东,1,',
          'Cell,super,East 华东,12x,',
          'Rule,super,North 华北,-5,',
          '',
        ].join('\n'),
      },
    ];
    const expected = [
      { document: 'data/region.csv', pointer: '/4', code: 'bad_csv' },
      { document: 'data/store.csv', pointer: '/3/region', code: 'unknown_key' },
      // A day that does not exist is refused when its cell is read, like any cell that is not a value.
      { document: 'data/store.csv', pointer: '/4/opened', code: 'bad_value' },
      { document: 'data/store.csv', pointer: '/5/channel', code: 'enum' },
      { document: 'data/store.csv', pointer: '/6/credit', code: 'bad_value' },
      { document: 'data/store.csv', pointer: '/7/credit', code: 'rule' },
    ];
    for (const dryRun of [true, false]) {
      const refused = await installPackage(ws, pkg, { dryRun }).catch((e) => e);
      expect(refused).toMatchObject({
        code: 'invalid_seed_data',
        message: expect.stringMatching(/^6 problems in the seed data; first: data\/region.csv line 4: /),
        details: { problems: 6 },
      });
      expect(
        refused.issues.map((i: Issue) => ({ document: i.document, pointer: i.pointer, code: i.code })),
      ).toEqual(expected);
      expect(refused.issues[2].message).toMatch(/^line 4, column opened: /);
    }
    expect(ws.model.version).toBe(0);
    // No table of it either (the query names the table it cannot find).
    await expect(ws.storage.db.selectFrom('store').select('id').execute()).rejects.toThrow('store');
  });

  it('lists the first hundred problems of a file of bad rows and counts the rest', async () => {
    const ws = await env.open();
    const pkg = v1([
      { file: 'data/region.csv', text: REGIONS },
      { file: 'data/store.csv', text: `name,credit\n${'A,x\n'.repeat(150)}` },
    ]);
    const refused = await installPackage(ws, pkg).catch((e) => e);
    expect(refused).toMatchObject({
      code: 'invalid_seed_data',
      message: expect.stringMatching(
        /^150 problems in the seed data \(the first 100 listed\); first: data\/store.csv line 2, /,
      ),
      details: { problems: 150 },
    });
    expect(refused.issues).toHaveLength(100);
    expect(refused.issues.at(-1)).toMatchObject({ pointer: '/101/credit', code: 'bad_value' });
  });

  it('rehearses a dry run with seed data: counts what would load, and changes nothing', async () => {
    const ws = await env.open();
    const dry = await installPackage(ws, v1(), { dryRun: true });
    expect(dry).toMatchObject({
      applied: false,
      metadataVersion: 0,
      seeded: { 'data/region.csv': 2, 'data/store.csv': 2 },
    });
    expect(dry.changes).toContain('Save package retail');
    expect(ws.model.version).toBe(0);
    expect(await ws.history()).toEqual([]);
    // No table of it either (the query names the table it cannot find).
    await expect(ws.storage.db.selectFrom('region').select('id').execute()).rejects.toThrow('region');
    // And the real install after it works as if the rehearsal never happened.
    expect((await installPackage(ws, v1())).metadataVersion).toBe(1);
    expect(await count(ws, 'store')).toBe(2);
  });

  it('finds a duplicate the database refuses by its line, among many good rows', async () => {
    const ws = await env.open();
    const r = region();
    (r.properties.code as PropertyDocument)['x-tessera'].unique = true;
    const rows = Array.from({ length: 1200 }, (_, i) => `R${i},C${i === 1100 ? 7 : i}`);
    const refused = await installPackage(ws, {
      manifest: { name: 'regions', version: '1.0.0' },
      documents: { objects: [r] },
      data: [{ file: 'data/region.csv', text: `name,code\n${rows.join('\n')}\n` }],
    }).catch((e) => e);
    expect(refused).toMatchObject({
      code: 'invalid_seed_data',
      issues: [{ document: 'data/region.csv', pointer: '/1102/code', code: 'unique' }],
    });
    expect(ws.model.version).toBe(0);
  });

  it('uninstalls: refused with records, forced into the trash, and restored with its data', async () => {
    const ws = await env.open();
    await installPackage(ws, v1());
    await installPackage(ws, {
      manifest: { name: 'addon', version: '1.0.0', dependencies: { retail: '^1.0.0' } },
      documents: { objects: [object('extra', {})] },
    });
    await expect(uninstallPackage(ws, 'retail', { force: true })).rejects.toMatchObject({
      code: 'package_conflict',
      message: 'addon depends on retail: uninstall it first',
    });
    await uninstallPackage(ws, 'addon');
    const before = ws.model.version;
    await expect(uninstallPackage(ws, 'retail')).rejects.toMatchObject({
      code: 'package_conflict',
      details: { records: { region: 2, store: 2 } },
    });
    expect(ws.model.version).toBe(before);
    const result = await uninstallPackage(ws, 'retail', { force: true });
    expect(result).toMatchObject({ applied: true, records: { region: 2, store: 2 } });
    expect([...ws.model.objects.keys()]).toEqual([]);
    expect(ws.model.documents.layouts ?? []).toEqual([]);
    expect(packageSummaries(ws)).toEqual([]);
    await expect(uninstallPackage(ws, 'retail')).rejects.toMatchObject({ code: 'unknown_package' });

    await ws.restoreVersion(before);
    expect(await count(ws, 'store')).toBe(2);
    const [store] = await ws.records.list('store');
    const linked = await ws.records.insert('note', { name: 'n', store: store?.id });
    // The link is back as a foreign key: deleting the store clears it.
    await ws.records.delete('store', store?.id as string);
    expect((await ws.records.get('note', linked.id as string)).store).toBeNull();
    expect(packageSummaries(ws).map((p) => p.name)).toEqual(['retail']);
    expect(ws.model.documents.layouts?.map((l) => l.apiName)).toEqual(['store_default']);
  });
});
