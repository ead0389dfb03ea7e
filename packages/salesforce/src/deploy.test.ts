/**
 * Converted packages deployed on an empty workspace with crm-core, on SQLite and PostgreSQL: the fixtures
 * (npsp, pmm, lwc-recipes) and the synthetic project, whose records then behave as in Salesforce (auto-numbers,
 * formulas, validation rules, roll-ups, the unique sf_id).
 */
import { join } from 'node:path';
import { installPackage, type Workspace } from '@tessera/engine';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { FIXTURE_PROJECTS, SALESFORCE_FIXTURES } from '../test/fixtures.js';
import { writeProject } from '../test/synthetic-project.js';
import { readBasePackage } from './base-package.js';
import { conversionPackage, convertProject } from './convert/convert-project.js';

async function withCrmCore(ws: Workspace): Promise<void> {
  const base = await readBasePackage();
  await installPackage(ws, {
    manifest: { name: base.name, version: base.version },
    documents: base.documents,
  });
}

/** Converts a project and installs it in one step; answers the conversion. */
async function convertAndDeploy(ws: Workspace, root: string) {
  const result = await convertProject(root);
  const deployed = await installPackage(ws, conversionPackage(result));
  return { result, deployed };
}

describeEachDialect('Salesforce conversions deployed on crm-core', (env) => {
  for (const name of FIXTURE_PROJECTS)
    it(`deploys ${name}`, async () => {
      const ws = await env.open();
      await withCrmCore(ws);
      const { result, deployed } = await convertAndDeploy(ws, join(SALESFORCE_FIXTURES, name));
      const objects = new Map(ws.model.documents.objects.map((o) => [o['x-tessera'].apiName, o]));
      for (const o of result.objects)
        expect(objects.has(o['x-tessera'].apiName), o['x-tessera'].apiName).toBe(true);
      for (const ext of result.extensions)
        for (const field of Object.keys(ext.properties))
          expect(objects.get(ext.object)?.properties[field], `${ext.object}.${field}`).toBeDefined();
      // Every converted object can take a record's Salesforce Id, once.
      expect(objects.get('contact')?.properties.sf_id).toBeDefined();
      // One install: the package owns the fields it added to crm-core's objects.
      expect(deployed).toMatchObject({ action: 'install', applied: true });
      const installed = ws.model.documents.packages?.map((p) => p.apiName);
      expect(installed).toEqual(['crm-core', result.manifest.name].sort());
      const record = ws.model.documents.packages?.find((p) => p.apiName === result.manifest.name);
      expect(record?.extensions?.map((e) => e.object)).toEqual(result.extensions.map((e) => e.object));
      const formulas = result.objects.flatMap((o) =>
        Object.values(o.properties).filter((p) => p['x-tessera'].field === 'formula'),
      );
      if (name !== 'lwc-recipes') expect(formulas.length).toBeGreaterThan(0);
    });

  it('deploys a project whose records then behave as in Salesforce', async () => {
    const ws = await env.open();
    await withCrmCore(ws);
    await convertAndDeploy(ws, writeProject());
    const account = await ws.records.insert('account', {
      name: 'Acme',
      tier: 'Gold',
      sf_id: '001000000000001AAA',
    });
    await expect(
      ws.records.insert('account', { name: 'Acme 2', sf_id: '001000000000001AAA' }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'unique', pointer: '/sf_id' })],
    });
    const machine = await ws.records.insert('machine', {
      serial: 'SN-1',
      status: 'Active',
      sub_status: 'Running',
      site: account.id,
      price: 10,
    });
    expect(machine).toMatchObject({
      name: 'M-0001',
      price_with_tax: 12,
      site_name: 'Acme (Active)',
      active: true,
    });
    await expect(
      ws.records.insert('machine', { serial: 'SN-2', status: 'Active', price: -1 }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ rule: 'machine_price_not_negative' })],
    });
    await expect(
      ws.records.insert('machine', { serial: 'SN-3', status: 'Active', sub_status: 'Waiting for parts' }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'dependent_value' })] });
    await ws.records.insert('refill', { name: 'r1', machine: machine.id, units: 5, kind: 'Full' });
    await ws.records.insert('refill', { name: 'r2', machine: machine.id, units: 3, kind: 'Partial' });
    expect(await ws.records.get('machine', machine.id as string)).toMatchObject({
      refill_count: 2,
      full_units: 5,
    });
  });
});
