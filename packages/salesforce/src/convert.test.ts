/**
 * The converter on a synthetic project with one of every kind (test/synthetic-project.ts), on the Metadata API
 * format, on bad input, and on the shared fixtures (npsp, pmm, lwc-recipes). Deploying the results is
 * deploy.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDocuments } from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PROJECTS, SALESFORCE_FIXTURES } from '../test/fixtures.js';
import { SYNTHETIC_FILES, writeProject } from '../test/synthetic-project.js';
import { readBasePackage } from './base-package.js';
import { type ConversionResult, convertProject } from './convert/convert-project.js';
import { installedSet } from './convert/package-parts.js';
import { checkMap } from './salesforce-map.js';
import { writeConversion } from './write-conversion.js';

const roots: string[] = [];
const project = (files?: Record<string, string>) => {
  const root = writeProject(files);
  roots.push(root);
  return root;
};
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const item = (r: ConversionResult, kind: string, source: string) =>
  r.report.items.find((i) => i.kind === kind && i.source === source);
const objectOf = (r: ConversionResult, name: string) =>
  r.objects.find((o) => o['x-tessera'].apiName === name);

/** Everything the conversion deploys, as the workspace will hold it: crm-core with the package installed. */
async function deployedSet(r: ConversionResult) {
  return installedSet((await readBasePackage()).documents, r.objects, r.extensions, r.documents);
}

describe('a Salesforce project with one of every kind', () => {
  let r: ConversionResult;
  beforeAll(async () => {
    r = await convertProject(project());
  });

  it('names the package after sfdx-project.json and depends on crm-core', () => {
    expect(r.manifest.name).toBe('vending-ops');
    expect(r.manifest.dependencies).toEqual({ 'crm-core': '^1.0.0' });
  });

  it('makes custom objects objects, with an auto-number name, sharing, history and a unique sf_id', () => {
    const machine = objectOf(r, 'machine');
    expect(machine?.['x-tessera']).toMatchObject({
      label: { en: 'Machine', 'zh-CN': '售货机' },
      pluralLabel: { en: 'Machines' },
      sharing: 'public_read',
      trackHistory: true,
      nameField: 'name',
      recordTypeField: 'record_type',
    });
    expect(machine?.properties.name?.['x-tessera']).toMatchObject({
      field: 'autonumber',
      format: 'M-{0000}',
    });
    expect(machine?.properties.sf_id).toMatchObject({
      maxLength: 18,
      'x-tessera': { field: 'text', unique: true },
    });
    expect(machine?.required).toEqual(['serial']);
    expect(item(r, 'object', 'Refill__c')).toMatchObject({
      status: 'approximated',
      note: expect.stringContaining('ControlledByParent'),
    });
    expect(item(r, 'object', 'Widget__mdt')).toMatchObject({
      status: 'skipped',
      note: expect.stringContaining('custom metadata'),
    });
  });

  it('maps every field type, with defaults, uniqueness and lengths', () => {
    const p = objectOf(r, 'machine')?.properties ?? {};
    const field = (name: string) => p[name]?.['x-tessera'];
    expect(p.serial).toMatchObject({
      type: 'string',
      maxLength: 64,
      'x-tessera': { field: 'text', unique: true },
    });
    expect(p.notes).toMatchObject({ maxLength: 5000, 'x-tessera': { field: 'textarea' } });
    expect(p.price).toMatchObject({
      type: 'number',
      default: 100,
      'x-tessera': { field: 'currency', scale: 2 },
    });
    expect(field('rate')).toMatchObject({ field: 'percent', scale: 1 });
    expect(p.active).toMatchObject({ type: 'boolean', default: true });
    expect(field('installed')).toMatchObject({ field: 'date', defaultFormula: 'TODAY()' });
    expect(p.position).toMatchObject({ type: 'object', 'x-tessera': { field: 'geolocation' } });
    expect(p.tags).toMatchObject({ type: 'array', items: { enum: ['Snacks', 'Drinks'] }, uniqueItems: true });
    expect(field('site')).toMatchObject({ field: 'lookup', target: 'account', onDelete: 'restrict' });
    expect(field('technician')).toMatchObject({ field: 'user' });
    expect(objectOf(r, 'refill')?.properties.machine?.['x-tessera']).toMatchObject({
      field: 'master_detail',
      target: 'machine',
    });
    expect(objectOf(r, 'refill')?.required).toContain('machine');
    expect(objectOf(r, 'refill')?.properties.units).toMatchObject({ type: 'integer' });
    expect(item(r, 'field', 'Machine__c.Remote__c')).toMatchObject({
      status: 'skipped',
      note: expect.stringContaining('external'),
    });
  });

  it('takes picklist values from global value sets and dependencies from valueSettings', () => {
    const p = objectOf(r, 'machine')?.properties ?? {};
    expect(p.status).toMatchObject({ enum: ['Active', 'Broken'], default: 'Active' });
    expect(p.status?.['x-tessera'].options?.[1]).toEqual({
      value: 'Broken',
      label: { en: 'Broken', 'zh-CN': '故障' },
      color: '#C62828',
    });
    expect(p.sub_status?.['x-tessera'].controllingField).toBe('status');
    expect(p.sub_status?.['x-tessera'].options?.map((o) => o.validFor)).toEqual([['Active'], ['Broken'], []]);
    expect(item(r, 'value set', 'Machine_Status')).toMatchObject({
      status: 'mapped',
      target: 'machine.status',
    });
    expect(item(r, 'value set', 'Unused_Set')?.status).toBe('skipped');
    // Lead and Opportunity are always converted (for their sf_id), so the standard set finds its picklists.
    expect(item(r, 'value set', 'LeadSource')).toMatchObject({
      status: 'approximated',
      target: 'lead.source, opportunity.source',
      note: expect.stringContaining('Carrier Pigeon'),
    });
  });

  it('translates formulas across lookups, and reports the ones that cannot be', () => {
    const p = objectOf(r, 'machine')?.properties ?? {};
    expect(p.price_with_tax?.['x-tessera']).toMatchObject({
      returns: 'currency',
      formula: 'price * 1.2 /* tax */',
    });
    expect(p.site_name?.['x-tessera'].formula).toBe('site.name & " (" & TEXT(status) & ")"');
    // Names are case-insensitive; numbers, strings and comments are left as they are.
    expect(p.price_band?.['x-tessera'].formula).toBe(
      `IF( price > 1e3, "Price__c is high", 'low') /* Price__c */`,
    );
    expect(p.viewer).toBeUndefined();
    expect(item(r, 'field', 'Machine__c.Viewer__c')).toMatchObject({
      status: 'skipped',
      note: expect.stringContaining('$User'),
    });
  });

  it('makes roll-up summaries roll-ups over the master-detail child, with their filter', () => {
    const p = objectOf(r, 'machine')?.properties ?? {};
    expect(p.refill_count?.['x-tessera']).toMatchObject({
      field: 'rollup',
      function: 'count',
      summarizedObject: 'refill',
    });
    expect(p.full_units?.['x-tessera']).toMatchObject({
      function: 'sum',
      summarizedField: 'units',
      filter: { kind: { eq: 'Full' } },
    });
  });

  it('adds the fields of standard objects to crm-core objects as extensions, never redefining crm-core fields', () => {
    const account = r.extensions.find((e) => e.object === 'account');
    expect(Object.keys(account?.properties ?? {}).sort()).toEqual(['main_machine', 'sf_id', 'tier']);
    expect(r.objects.some((o) => o['x-tessera'].apiName === 'account')).toBe(false);
    // crm-core's objects the project never mentions get their sf_id all the same, for data exports.
    expect(
      r.extensions.filter((e) => Object.keys(e.properties).join() === 'sf_id').map((e) => e.object),
    ).toEqual(['contact', 'lead', 'opportunity', 'product', 'task']);
    expect(item(r, 'object', 'Opportunity')).toMatchObject({
      status: 'mapped',
      target: 'opportunity',
      note: expect.stringContaining('not in the project'),
    });
    expect(item(r, 'field', 'Account.Industry')).toMatchObject({
      status: 'mapped',
      target: 'account.industry',
    });
    expect(item(r, 'field', 'Account.Sic')?.status).toBe('skipped');
  });

  it('converts validation rules, record types, layouts, list views and permission sets', () => {
    const rule = r.documents.find((d) => d.kind === 'validation_rule');
    expect(rule).toMatchObject({
      apiName: 'machine_price_not_negative',
      formula: 'price < 0 && ISPICKVAL(status, "Active")',
      field: 'price',
      message: { en: 'The price cannot be negative', 'zh-CN': '价格不能为负' },
    });
    expect(item(r, 'validation rule', 'Machine__c.Only_Admins')?.status).toBe('skipped');
    expect(objectOf(r, 'machine')?.properties.record_type?.enum).toEqual(['Indoor', 'Outdoor']);
    expect(item(r, 'record type', 'Machine__c.Outdoor')?.status).toBe('approximated');
    const layout = r.documents.find((d) => d.kind === 'layout');
    expect(layout).toMatchObject({
      object: 'machine',
      sections: [
        {
          label: { en: 'Information', 'zh-CN': '信息' },
          columns: 2,
          items: [
            { field: 'name', column: 1 },
            { field: 'serial', column: 1, required: true },
            { field: 'status', column: 2 },
            { field: 'price', column: 2, readOnly: true },
          ],
        },
      ],
      relatedLists: [{ object: 'refill', field: 'machine', columns: ['name', 'units'] }],
    });
    const view = r.documents.find((d) => d.kind === 'list_view' && d.apiName === 'machine_active_machines');
    expect(view).toMatchObject({
      columns: [{ field: 'name' }, { field: 'serial' }, { field: 'status' }],
      filter: {
        and: [
          { status: { eq: 'Active' } },
          { or: [{ price: { gt: 10 } }, { not: { active: { eq: true } } }] },
        ],
      },
    });
    expect(item(r, 'list view', 'Machine__c.My_Machines')).toMatchObject({
      status: 'approximated',
      note: expect.stringContaining('Mine'),
    });
    expect(r.documents.find((d) => d.kind === 'permission_set')).toMatchObject({
      apiName: 'machine_manager',
      objects: { machine: { read: true, create: true, edit: true, viewAll: true } },
      fields: { machine: { price: 'read', notes: 'none' } },
      system: { viewAllData: true },
    });
  });

  it('reports every item once, counts that add up, and the code it cannot convert', () => {
    const { counts, items } = r.report;
    const total = counts.total;
    expect(total ? total.mapped + total.approximated + total.skipped : 0).toBe(items.length);
    expect(item(r, 'other metadata', 'cls (1)')?.status).toBe('skipped');
    expect(item(r, 'other metadata', 'fieldSet (1)')?.status).toBe('skipped');
  });

  it('writes a salesforce-map.json the data loader can use', () => {
    expect(checkMap(r.map)).toEqual([]);
    expect(r.map.objects.Machine__c?.fields.Site__c).toEqual({
      field: 'site',
      type: 'lookup',
      references: ['Account'],
    });
    expect(r.map.objects.Machine__c?.fields.Id).toMatchObject({ field: 'sf_id' });
    expect(r.map.objects.Machine__c?.fields.Refill_Count__c).toMatchObject({ readOnly: true });
    expect(r.map.objects.Account).toMatchObject({ object: 'account', origin: 'base' });
    expect(r.map.objects.Account?.fields.Name).toEqual({ field: 'name', type: 'text' });
    expect(r.map.objects.Account?.fields.OwnerId).toMatchObject({ field: 'owner_id', readOnly: true });
    // Every standard object crm-core has is in the map with its Id, whether or not the project defines it.
    expect(Object.keys(r.map.objects).filter((o) => r.map.objects[o]?.origin === 'base')).toEqual(
      expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Product2', 'Task']),
    );
    expect(r.map.objects.Opportunity?.fields).toMatchObject({
      Id: { field: 'sf_id', type: 'text' },
      StageName: { field: 'stage', type: 'picklist' },
      AccountId: { field: 'account', type: 'lookup', references: ['Account'] },
    });
    expect(r.map.objects.Account?.fields.Type?.values).toMatchObject({
      Customer: 'customer',
      customer: 'customer',
    });
  });

  it('passes the engine checks as a whole', async () => {
    expect(validateDocuments(await deployedSet(r))).toEqual([]);
  });
});

describe('Metadata API format', () => {
  it('reads fields, rules and list views kept inline in an .object file like source format', async () => {
    const object = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
  <label>Gadget</label><pluralLabel>Gadgets</pluralLabel>
  <nameField><label>Gadget Name</label><type>Text</type></nameField>
  <fields><fullName>Weight__c</fullName><label>Weight</label><type>Number</type><precision>8</precision><scale>3</scale></fields>
  <validationRules><fullName>Light</fullName><active>true</active><errorConditionFormula>Weight__c &gt; 10</errorConditionFormula><errorMessage>Too heavy</errorMessage></validationRules>
  <listViews><fullName>All</fullName><filterScope>Everything</filterScope><label>All</label></listViews>
</CustomObject>`;
    const r = await convertProject(project({ 'src/objects/Gadget__c.object': object }));
    expect(objectOf(r, 'gadget')?.properties.weight?.['x-tessera']).toMatchObject({
      field: 'number',
      scale: 3,
    });
    expect(r.documents.map((d) => `${d.kind}:${d.apiName}`).sort()).toEqual([
      'list_view:gadget_all',
      'validation_rule:gadget_light',
    ]);
  });
});

describe('bad input', () => {
  it('refuses a folder that is not a Salesforce project', async () => {
    await expect(convertProject(join(SALESFORCE_FIXTURES, 'no-such-project'))).rejects.toMatchObject({
      code: 'not_a_project',
    });
    await expect(convertProject(project({ 'README.md': '# nothing' }))).rejects.toMatchObject({
      code: 'not_a_project',
      message: expect.stringContaining('no Salesforce metadata'),
    });
  });

  it('names the file that is not well-formed XML', async () => {
    const files = { 'objects/A__c/fields/B__c.field-meta.xml': '<CustomField><type>Text</type>' };
    await expect(convertProject(project(files))).rejects.toMatchObject({
      code: 'bad_metadata_file',
      message: expect.stringContaining('B__c.field-meta.xml'),
    });
  });

  it('names the file whose root element is not the expected one', async () => {
    const files = {
      ...SYNTHETIC_FILES,
      'objects/A__c/fields/B__c.field-meta.xml': '<?xml version="1.0"?><Layout/>',
    };
    await expect(convertProject(project(files))).rejects.toMatchObject({
      code: 'bad_metadata_file',
      message: expect.stringContaining('has no <CustomField>'),
    });
  });

  it('reads files with a byte-order mark, and reports layouts whose name has no object', async () => {
    const files = {
      ...SYNTHETIC_FILES,
      'force-app/main/default/objects/Refill__c/fields/Units__c.field-meta.xml': `\uFEFF${SYNTHETIC_FILES['force-app/main/default/objects/Refill__c/fields/Units__c.field-meta.xml']}`,
      'force-app/main/default/layouts/Odd%Layout.layout-meta.xml': '<?xml version="1.0"?><Layout/>',
      'force-app/main/default/layouts/Refill__c-Refill %28Main%29 Layout.layout-meta.xml': `<?xml version="1.0"?>
<Layout><layoutSections><style>OneColumn</style><layoutColumns><layoutItems><field>Units__c</field></layoutItems></layoutColumns></layoutSections></Layout>`,
    };
    const r = await convertProject(project(files));
    expect(objectOf(r, 'refill')?.properties.units).toMatchObject({ type: 'integer' });
    expect(item(r, 'other metadata', 'layout without an object in its name (1)')?.status).toBe('skipped');
    expect(r.documents.find((d) => d.kind === 'layout' && d.object === 'refill')).toMatchObject({
      label: { en: 'Refill (Main) Layout' },
    });
  });

  it('does not write into a folder holding something else, and replaces an earlier conversion', async () => {
    const r = await convertProject(project());
    const out = project({ 'notes.txt': 'mine' });
    await expect(writeConversion(r, out)).rejects.toMatchObject({ code: 'bad_output' });
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    const earlier = join(out, 'converted');
    await writeConversion(r, earlier);
    mkdirSync(join(earlier, 'objects'), { recursive: true });
    writeFileSync(join(earlier, 'objects', 'stale.json'), '{}');
    await writeConversion(r, earlier);
    expect(existsSync(join(earlier, 'objects', 'stale.json'))).toBe(false);
    expect(existsSync(join(earlier, 'objects', 'machine.json'))).toBe(true);
  });
});

describe.each(FIXTURE_PROJECTS)('the %s fixture', (name) => {
  let r: ConversionResult;
  beforeAll(async () => {
    r = await convertProject(join(SALESFORCE_FIXTURES, name));
  });

  it('converts into documents that pass the engine checks', async () => {
    expect(validateDocuments(await deployedSet(r))).toEqual([]);
    expect(r.report.problems).toEqual([]);
    expect(checkMap(r.map)).toEqual([]);
  });

  it('reports each field file, layout and list view of the project once', () => {
    const files = (suffix: string) =>
      readdirRecursive(join(SALESFORCE_FIXTURES, name)).filter((f) => f.endsWith(suffix)).length;
    const reported = (kind: string) => r.report.items.filter((i) => i.kind === kind).length;
    expect(reported('layout')).toBe(files('.layout-meta.xml'));
    expect(reported('list view') + skippedObjectsListViews(r)).toBe(files('.listView-meta.xml'));
    expect(reported('validation rule') + skippedObjectsParts(r, 'validationRules')).toBe(
      files('.validationRule-meta.xml'),
    );
    // Every field file of a converted object is one field item (Activity's fields are Task's).
    const converted = new Set(
      r.report.items.filter((i) => i.kind === 'object' && i.status !== 'skipped').map((i) => i.source),
    );
    const fieldFiles = readdirRecursive(join(SALESFORCE_FIXTURES, name))
      .map((f) => /\/objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => `${m[1] === 'Activity' ? 'Task' : m[1]}.${m[2]}`)
      .filter((f) => converted.has(f.split('.')[0] as string));
    const fieldItems = r.report.items
      .filter((i) => i.kind === 'field' && !i.source.endsWith('dependency'))
      .map((i) => i.source);
    expect(new Set(fieldItems)).toEqual(
      new Set([...fieldFiles, ...fieldItems.filter((f) => f.endsWith('.Name'))]),
    );
    expect(fieldItems.length).toBe(new Set(fieldItems).size);
    const total = r.report.counts.total;
    expect(total ? total.mapped + total.approximated + total.skipped : -1).toBe(r.report.items.length);
  });
});

/** List views and rules of skipped objects are not converted one by one (their object is reported). */
function skippedObjectsListViews(r: ConversionResult): number {
  return skippedObjectsParts(r, 'listViews');
}

function skippedObjectsParts(r: ConversionResult, part: string): number {
  const skipped = new Set(
    r.report.items.filter((i) => i.kind === 'object' && i.status === 'skipped').map((i) => i.source),
  );
  return [...skipped].reduce((n, o) => n + countFiles(o), 0);
  function countFiles(object: string): number {
    return readdirRecursive(join(SALESFORCE_FIXTURES, r.report.project)).filter((f) =>
      f.includes(`/objects/${object}/${part}/`),
    ).length;
  }
}

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? readdirRecursive(path) : [path];
  });
}
