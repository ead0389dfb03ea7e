/**
 * `tessera import salesforce-data`: the summary, a second run that changes nothing, refused records and their
 * file; and lwc-recipes end to end: converted by `tessera import salesforce`, deployed on crm-core, its data
 * loaded with the package's map.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPackage, Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { crmCoreWithSfId } from '../../salesforce/test/crm-core-with-sf-id.js';
import { SALESFORCE_FIXTURES } from '../../salesforce/test/fixtures.js';
import { runImportSalesforce } from './commands/import-salesforce.js';
import { runImportSalesforceData } from './commands/import-salesforce-data.js';
import { CliError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { packageSource, readPackage } from './package-folder.js';

const LWC = join(SALESFORCE_FIXTURES, 'lwc-recipes');
const LWC_DATA = join(LWC, 'data');
const CRM_CORE = fileURLToPath(new URL('../../../examples/crm-core', import.meta.url));

/** Runs a command function with an Io that keeps what it prints, on the workspace `env` names. */
async function runWith(
  command: (args: string[], io: Io) => Promise<number>,
  env: NodeJS.ProcessEnv,
  ...args: string[]
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    errIsTerminal: false,
    confirm: async () => false,
    env,
    cwd: tmpdir(),
  };
  const code = await command(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function cliEnvOf(env: { location: { dataDir: string; databaseUrl?: string } }, workspace: string) {
  return {
    TESSERA_DATA_DIR: env.location.dataDir,
    ...(env.location.databaseUrl ? { DATABASE_URL: env.location.databaseUrl } : {}),
    TESSERA_WORKSPACE: workspace,
  };
}

describeEachDialect('tessera import salesforce-data', (env) => {
  let ws: Workspace;
  let cliEnv: NodeJS.ProcessEnv;
  const run = (...args: string[]) => runWith(runImportSalesforceData, cliEnv, ...args);
  beforeAll(async () => {
    const name = env.newName();
    ws = await Workspace.open({ ...env.location, workspace: name });
    cliEnv = cliEnvOf(env, name);
    await ws.deploy(crmCoreWithSfId());
  });
  afterAll(() => ws.close());

  it('loads a tree export and prints what it did; a second run updates the same records', async () => {
    const first = await run(LWC_DATA);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').slice(0, 4)).toEqual([
      'salesforce   object       records  created  updated  unchanged  linked  failed',
      'Account      account      10       10       0        0          0       0',
      'Contact      contact      6        6        0        0          0       0',
      'Opportunity  opportunity  20       20       0        0          0       0',
    ]);
    expect(first.stdout).toContain('Contact: columns with no field, not loaded: Picture__c');
    expect(first.stdout).toMatch(/Loaded a tree export into (SQLite file|PostgreSQL schema)/);
    expect(first.stderr).toBe('Account: 10 records\nContact: 6 records\nOpportunity: 20 records');
    const second = await run(LWC_DATA);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'Opportunity  opportunity  20       0        0        20         0       0',
    );
    await ws.reload();
    expect(await ws.records.count('opportunity')).toBe(20);
  });

  it('exits 1 with the refused records on stderr and, with --errors, in a CSV file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-cli-'));
    writeFileSync(join(dir, 'Account.csv'), 'Id,Name\n001B0000006Vm9r,"Has, comma"\n001B0000006Vm9s,\n');
    const errors = join(dir, 'errors.csv');
    const result = await run(dir, '--errors', errors, '--batch-size', '1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 record was refused:\n  Account.csv, line 3 (001B0000006Vm9sIAC):');
    expect(result.stderr).toContain(`All of them are in ${errors}.`);
    const lines = readFileSync(errors, 'utf8').split('\r\n');
    expect(lines[0]).toBe('outcome,where,object,sf_id,code,message');
    expect(lines[1]).toMatch(/^refused,"Account\.csv, line 3",Account,001B0000006Vm9sIAC,required,/);
  });

  it('refuses wrong arguments and exports it cannot read, changing nothing', async () => {
    const before = await ws.records.count('account');
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run(LWC_DATA, 'extra')).rejects.toThrow('unexpected argument "extra"');
    await expect(run(LWC_DATA, '--batch-size', '0')).rejects.toThrow(
      '--batch-size must be a whole number from 1 to 1000',
    );
    await expect(run(LWC_DATA, '--rules', 'skip')).rejects.toThrow(
      '--rules must be report or enforce, not "skip"',
    );
    await expect(run(join(tmpdir(), 'no-such-export'))).rejects.toThrow(CliError);
    const badMap = join(mkdtempSync(join(tmpdir(), 'sf-map-')), 'salesforce-map.json');
    writeFileSync(badMap, '{"format": "other"}');
    await expect(run(LWC_DATA, '--map', badMap)).rejects.toThrow(
      /"format" must be "tessera-salesforce-map".*\[bad_map\]/,
    );
    await expect(run(LWC_DATA, '--map', join(badMap, '..'))).rejects.toThrow(/\[bad_map\]/);
    expect(await ws.records.count('account')).toBe(before);
    expect((await run('--help')).stdout).toContain('Usage: tessera import salesforce-data <dir>');
  });
});

describeEachDialect('lwc-recipes: converted, deployed on crm-core, its data loaded', (env) => {
  let ws: Workspace;
  let cliEnv: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const name = env.newName();
    ws = await Workspace.open({ ...env.location, workspace: name });
    cliEnv = cliEnvOf(env, name);
    // crm-core as `tessera deploy` installs it, without its sample records.
    await installPackage(ws, { ...packageSource(await readPackage(CRM_CORE)), data: [] });
  });
  afterAll(() => ws.close());

  it('loads the accounts, contacts and opportunities with every lookup resolved, twice without duplicates', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sf-lwc-')), 'package');
    const converted = await runWith(runImportSalesforce, cliEnv, LWC, '--out', out, '--deploy', '--yes');
    expect(converted.code).toBe(0);
    // The project has no Opportunity metadata: the conversion gives crm-core's opportunity its sf_id anyway.
    const map = JSON.parse(readFileSync(join(out, 'salesforce-map.json'), 'utf8'));
    expect(map.objects.Opportunity.fields.Id).toEqual({ field: 'sf_id', type: 'text' });
    // crm-core asks a lost opportunity for its loss reason, which Salesforce never had: the record is history,
    // so it loads and the rule it breaks is reported (--rules=enforce would refuse it).
    const lost =
      'Opportunities.json, record 10 (OpportunityRef10): loss_reason: Give the reason the opportunity was lost (opportunity_loss_reason_when_lost) [rule]';
    const first = await runWith(runImportSalesforceData, cliEnv, LWC_DATA, '--map', out);
    expect([first.code, first.stderr]).toEqual([
      0,
      `Account: 10 records\nContact: 6 records\nOpportunity: 20 records\n1 record breaks the workspace's rules, loaded all the same (--rules=enforce refuses them):\n  ${lost}`,
    ]);
    expect(first.stdout).toMatch(/Opportunity\s+opportunity\s+20\s+20\s+0\s+0\s+\d+\s+0/);
    await ws.reload();
    const accounts = await ws.records.list('account', { limit: 500 });
    const contacts = await ws.records.list('contact', { limit: 500 });
    const opportunities = await ws.records.list('opportunity', { limit: 500 });
    expect([accounts.length, contacts.length, opportunities.length]).toEqual([10, 6, 20]);
    const byRef = new Map(accounts.map((a) => [a.sf_id, a.id]));
    const exported = (file: string) =>
      JSON.parse(readFileSync(join(LWC_DATA, file), 'utf8')).records as {
        attributes: { referenceId: string };
        AccountId: string;
        [column: string]: unknown;
      }[];
    for (const record of exported('Contacts.json')) {
      const contact = contacts.find((c) => c.sf_id === record.attributes.referenceId);
      expect(contact?.account).toBe(byRef.get(record.AccountId.slice(1)));
      // The project's own field, added to crm-core's contact by the conversion, is loaded too.
      expect(Object.values(contact ?? {})).toContain(record.Picture__c);
    }
    for (const record of exported('Opportunities.json')) {
      const opportunity = opportunities.find((o) => o.sf_id === record.attributes.referenceId);
      expect(opportunity).toMatchObject({
        name: record.Name,
        amount: record.Amount,
        close_date: record.CloseDate,
        account: byRef.get(record.AccountId.slice(1)),
      });
      expect(opportunity?.account).toEqual(expect.any(String));
    }
    // Again: every record is as loaded, nothing is written (so nothing is judged again), nothing duplicated.
    const second = await runWith(runImportSalesforceData, cliEnv, LWC_DATA, '--map', out);
    expect([second.code, second.stderr]).toEqual([
      0,
      'Account: 10 records\nContact: 6 records\nOpportunity: 20 records',
    ]);
    expect(second.stdout).toMatch(/Contact\s+contact\s+6\s+0\s+0\s+6\s/);
    expect(second.stdout).toMatch(/Opportunity\s+opportunity\s+20\s+0\s+0\s+20\s+\d+\s+0/);
    expect([
      await ws.records.count('account'),
      await ws.records.count('contact'),
      await ws.records.count('opportunity'),
    ]).toEqual([10, 6, 20]);
  });

  it('refuses the whole export before writing when the workspace has no sf_id, naming it', async () => {
    // crm-core installed, the conversion written but not deployed: no object has its sf_id yet.
    const name = env.newName();
    const bare = await Workspace.open({ ...env.location, workspace: name });
    try {
      await installPackage(bare, { ...packageSource(await readPackage(CRM_CORE)), data: [] });
      const out = join(mkdtempSync(join(tmpdir(), 'sf-lwc-')), 'package');
      expect((await runWith(runImportSalesforce, cliEnv, LWC, '--out', out)).code).toBe(0);
      await expect(
        runWith(runImportSalesforceData, cliEnvOf(env, name), LWC_DATA, '--map', out),
      ).rejects.toThrow(
        /Accounts\.json: account has no unique sf_id field to keep Account Ids in.*\[missing_sf_id\]/,
      );
      await bare.reload();
      expect(await bare.records.count('account')).toBe(0);
      expect(await bare.records.count('opportunity')).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
