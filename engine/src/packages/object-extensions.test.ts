import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { changed, object, text } from '../../test/documents.js';
import type {
  ListViewDocument,
  ObjectExtension,
  PropertyDocument,
  ValidationRuleDocument,
} from '../index.js';
import type { Workspace } from '../workspace.js';
import { installPackage, packageSummaries, uninstallPackage } from './package-installer.js';
import type { PackageSource } from './plan-install.js';

/** The dependency: a store object with a layout. */
function core(version = '1.0.0', extra: Record<string, PropertyDocument> = {}): PackageSource {
  return {
    manifest: { name: 'core', version },
    documents: {
      objects: [object('store', { channel: text(), ...extra })],
      layouts: [
        {
          kind: 'layout',
          apiName: 'store_default',
          object: 'store',
          label: { en: 'Store' },
          sections: [{ id: 'main', columns: 1, items: [{ field: 'name', column: 1 }] }],
        },
      ],
    },
  };
}

const tier = (values = ['gold', 'silver']): PropertyDocument => ({
  type: 'string',
  enum: values,
  'x-tessera': {
    field: 'picklist',
    label: { en: 'Tier', 'zh-CN': '等级' },
    options: values.map((value) => ({ value, label: { en: value } })),
  },
});

const sfId = (label = 'Salesforce Id'): PropertyDocument =>
  text({ maxLength: 18, 'x-tessera': { field: 'text', unique: true, label: { en: label } } });

const storeExtension = (properties: ObjectExtension['properties'] = { sf_id: sfId(), tier: tier() }) => ({
  object: 'store',
  properties,
  required: Object.keys(properties).includes('tier') ? ['tier'] : [],
});

const goldRule: ValidationRuleDocument = {
  kind: 'validation_rule',
  apiName: 'store_gold_needs_id',
  object: 'store',
  formula: "ISPICKVAL(tier, 'gold') && ISBLANK(sf_id)",
  field: 'sf_id',
  message: { en: 'A gold store needs its Salesforce Id', 'zh-CN': '金牌门店需要 Salesforce Id' },
};

const tierView: ListViewDocument = {
  kind: 'list_view',
  apiName: 'stores_by_tier',
  object: 'store',
  label: { en: 'Stores by tier' },
  columns: [{ field: 'name' }, { field: 'tier' }],
};

/** The extending package: its own object, fields on core's store, a rule and a list view about them. */
function ext(version = '1.0.0', extensions: ObjectExtension[] = [storeExtension()]): PackageSource {
  return {
    manifest: { name: 'ext', version, dependencies: { core: '^1.0.0' } },
    documents: {
      objects: [
        object('visit', {
          store: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'store' } },
        }),
      ],
      validationRules: [goldRule],
      listViews: [tierView],
    },
    extensions,
  };
}

const storeFields = (ws: Workspace) => Object.keys(ws.model.object('store').document.properties);

describeEachDialect('packages that extend a dependency', (env) => {
  it('adds fields, a rule and a list view to the dependency object in one install; each package keeps its own', async () => {
    const ws = await env.open();
    await installPackage(ws, core());
    const installed = await installPackage(ws, ext());
    expect(installed).toMatchObject({ action: 'install', applied: true });
    expect(storeFields(ws)).toEqual(['name', 'channel', 'sf_id', 'tier']);
    expect(ws.model.object('store').document.required).toEqual(['name', 'tier']);
    expect(packageSummaries(ws).find((p) => p.name === 'ext')?.owns).toEqual({
      object: ['visit'],
      validation_rule: ['store_gold_needs_id'],
      list_view: ['stores_by_tier'],
      field: ['store.sf_id', 'store.tier'],
    });
    // The same version again changes nothing.
    expect(await installPackage(ws, ext())).toMatchObject({ action: 'reinstall', applied: false });
    // The added fields behave as any: unique, required, read by the package's rule.
    await ws.records.insert('store', { name: 'A', tier: 'silver', sf_id: '001A' });
    await expect(
      ws.records.insert('store', { name: 'B', tier: 'silver', sf_id: '001A' }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'unique', pointer: '/sf_id' })],
    });
    await expect(ws.records.insert('store', { name: 'C', tier: 'gold' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ rule: 'store_gold_needs_id' })],
    });

    // The dependency's upgrade keeps them.
    await installPackage(ws, core('1.1.0', { phone: text() }));
    expect(storeFields(ws)).toEqual(['name', 'channel', 'phone', 'sf_id', 'tier']);
    expect(ws.model.documents.validationRules?.map((r) => r.apiName)).toEqual(['store_gold_needs_id']);

    // The extension's upgrade merges its fields: an admin's label stays, a dropped field goes, a new one comes.
    await ws.deploy(
      changed(ws.model.documents, 'store', (store) => {
        (store.properties.sf_id as PropertyDocument)['x-tessera'].label = { en: 'SF Id (ours)' };
      }),
    );
    const next = ext('1.1.0', [storeExtension({ sf_id: sfId('Legacy Id'), score: text() })]);
    next.documents.validationRules = [];
    next.documents.listViews = [];
    const upgraded = await installPackage(ws, next);
    expect(upgraded.kept).toEqual([
      {
        kind: 'object',
        document: 'store',
        pointer: '/properties/sf_id/x-tessera/label/en',
        theirs: 'Legacy Id',
      },
    ]);
    expect(storeFields(ws)).toEqual(['name', 'channel', 'phone', 'sf_id', 'score']);
    expect(ws.model.object('store').document.required).toEqual(['name']);
    expect(ws.model.object('store').document.properties.sf_id?.['x-tessera'].label).toEqual({
      en: 'SF Id (ours)',
    });

    // Uninstalling the extension leaves the dependency's object with its own fields; the dependency cannot go first.
    await expect(uninstallPackage(ws, 'core')).rejects.toMatchObject({ code: 'package_conflict' });
    await uninstallPackage(ws, 'ext');
    expect(storeFields(ws)).toEqual(['name', 'channel', 'phone']);
    expect(ws.model.documents.layouts?.map((l) => l.apiName)).toEqual(['store_default']);
    expect((await ws.records.list('store')).map((r) => r.name)).toEqual(['A']);
  });

  it('refuses an extension that changes what another package owns, naming the item, and changes nothing', async () => {
    const ws = await env.open();
    await installPackage(ws, core());
    const version = ws.model.version;
    const refused = async (source: PackageSource, code: string, issue: object) => {
      await expect(installPackage(ws, source)).rejects.toMatchObject({
        code,
        issues: [expect.objectContaining(issue)],
      });
      expect(ws.model.version).toBe(version);
    };
    await refused(ext('1.0.0', [storeExtension({ channel: text({ maxLength: 10 }) })]), 'package_conflict', {
      document: 'extension:store',
      pointer: '/properties/channel',
      code: 'owned_by_other_package',
      message: 'field store.channel belongs to package core',
    });
    const orphan = ext();
    orphan.manifest = { name: 'ext', version: '1.0.0' };
    await refused(orphan, 'package_conflict', {
      code: 'not_a_dependency',
      message: 'extends object store of package core, which is not among its dependencies',
    });
    await refused(ext('1.0.0', [{ object: 'shop', properties: { sf_id: sfId() } }]), 'package_conflict', {
      code: 'unknown_object',
      message: 'extends object shop, which is not in the workspace',
    });
    await refused(
      ext('1.0.0', [{ object: 'store', properties: { sf_id: sfId() }, required: ['nope'] }]),
      'invalid_documents',
      { document: 'extension:store', pointer: '/required', code: 'bad_required' },
    );
    await refused(
      ext('1.0.0', [
        { object: 'store', properties: { sf_id: { type: 'string', 'x-tessera': { field: 'nope' } } } },
      ] as never),
      'invalid_documents',
      { document: 'extension:store', pointer: expect.stringMatching(/^\/properties\/sf_id/) },
    );
    // Shipping the dependency's object itself stays refused.
    const thief = ext();
    thief.documents.objects = [object('store', { channel: text(), extra: text() })];
    await refused(thief, 'package_conflict', {
      code: 'owned_by_other_package',
      message: 'object store belongs to package core',
    });

    // Installed, its fields cannot be taken over by the dependency's next version, nor by a third package.
    await installPackage(ws, ext());
    const taken = ws.model.version;
    await expect(installPackage(ws, core('1.1.0', { tier: tier() }))).rejects.toMatchObject({
      code: 'package_conflict',
      issues: [expect.objectContaining({ message: 'field store.tier belongs to package ext' })],
    });
    const other: PackageSource = {
      manifest: { name: 'other', version: '1.0.0', dependencies: { core: '^1.0.0' } },
      documents: {},
      extensions: [{ object: 'store', properties: { sf_id: sfId() } }],
    };
    await expect(installPackage(ws, other)).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: 'field store.sf_id belongs to package ext' })],
    });
    expect(ws.model.version).toBe(taken);
  });
});
