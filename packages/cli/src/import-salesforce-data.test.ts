/** `tessera import salesforce-data`: the summary, a second run that updates, refused records and their file. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { crmCoreWithSfId } from '../../salesforce/test/crm-core-with-sf-id.js';
import { sharedFixture } from '../../salesforce/test/shared-fixtures.js';
import { runImportSalesforceData } from './commands/import-salesforce-data.js';
import { CliError, UsageError } from './errors.js';
import type { Io } from './io.js';

const LWC_DATA = sharedFixture('salesforce', 'lwc-recipes', 'data');

describeEachDialect('tessera import salesforce-data', (env) => {
  let ws: Workspace;
  let cliEnv: NodeJS.ProcessEnv;
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      interactive: false,
      errIsTerminal: false,
      confirm: async () => false,
      env: cliEnv,
      cwd: tmpdir(),
    };
    const code = await runImportSalesforceData(args, io);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  };
  beforeAll(async () => {
    const name = env.newName();
    ws = await Workspace.open({ ...env.location, workspace: name });
    cliEnv = {
      TESSERA_DATA_DIR: env.location.dataDir,
      ...(env.location.databaseUrl ? { DATABASE_URL: env.location.databaseUrl } : {}),
      TESSERA_WORKSPACE: name,
    };
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
    expect(lines[0]).toBe('where,object,sf_id,code,message');
    expect(lines[1]).toMatch(/^"Account\.csv, line 3",Account,001B0000006Vm9sIAC,required,/);
  });

  it('refuses wrong arguments and exports it cannot read, changing nothing', async () => {
    const before = await ws.records.count('account');
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run(LWC_DATA, 'extra')).rejects.toThrow('unexpected argument "extra"');
    await expect(run(LWC_DATA, '--batch-size', '0')).rejects.toThrow(
      '--batch-size must be a whole number from 1 to 1000',
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
