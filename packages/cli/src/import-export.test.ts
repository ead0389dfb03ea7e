/** `tessera export` and `tessera import`: files out of and into a workspace's objects, from the machine. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEAL_DOCUMENTS } from '../../../engine/test/deal-documents.js';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { csvRows, xlsxRows } from '../../../engine/test/file-rows.js';
import { tessera, tesseraHere } from '../test/cli-process.js';

describeEachDialect('tessera export and import', (env) => {
  let ws: Workspace;
  let cliEnv: NodeJS.ProcessEnv;
  const files = mkdtempSync(join(tmpdir(), 'tessera-cli-files-'));
  const here = (...args: string[]) => tesseraHere(cliEnv, ...args);

  beforeAll(async () => {
    const name = env.newName();
    ws = await Workspace.open({ ...env.location, workspace: name });
    cliEnv = {
      TESSERA_DATA_DIR: env.location.dataDir,
      ...(env.location.databaseUrl ? { DATABASE_URL: env.location.databaseUrl } : {}),
      TESSERA_WORKSPACE: name,
    };
    await ws.deploy(DEAL_DOCUMENTS);
    const account = await ws.records.insert('account', { name: 'Acme', code: 'A-1' });
    await ws.records.insertMany(
      'deal',
      Array.from({ length: 30 }, (_, i) => ({
        name: i === 0 ? '+1 (555) call me' : `deal ${String(i).padStart(2, '0')}`,
        amount: i * 100 + 0.25,
        account_id: account.id,
        tags: i % 2 ? ['hot'] : [],
      })),
    );
  });
  afterAll(async () => {
    await ws.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('exports an object to a CSV file, with a filter, a sort and fields', async () => {
    const out = join(files, 'deals.csv');
    const done = await here(
      'export',
      'deal',
      '--out',
      out,
      '--filter',
      '{"amount":{"gte":1000}}',
      '--sort=-amount',
      '--fields',
      'name,amount,account_id',
    );
    expect([done.code, done.stderr]).toEqual([0, `Exported 20 deal records to ${out}.`]);
    const [header, ...data] = csvRows(readFileSync(out));
    expect(header).toEqual(['id', 'name', 'amount', 'account_id', 'account_id.id']);
    expect(data.map((r) => r[2])).toEqual(Array.from({ length: 20 }, (_, i) => `${(29 - i) * 100}.25`));
    expect(readdirSync(files)).toEqual(['deals.csv']);
  });

  it('exports XLSX by the file name, and CSV to stdout, formulas neutralized', async () => {
    const out = join(files, 'deals.xlsx');
    expect((await here('export', 'deal', '-o', out)).code).toBe(0);
    const { rows } = await xlsxRows(readFileSync(out));
    expect(rows).toHaveLength(31);
    const printed = await tessera(cliEnv, 'export', 'deal', '--fields', 'name', '--sort', 'name');
    expect([printed.code, printed.stderr.trim()]).toEqual([0, 'Exported 30 deal records.']);
    const [header, first] = csvRows(printed.stdout);
    expect([header, first?.[1]]).toEqual([['id', 'name'], "'+1 (555) call me"]);
  });

  it('refuses a bad export, writing no file', async () => {
    const out = join(files, 'bad.csv');
    const cases: [string[], number, string][] = [
      [['export'], 2, 'name the object'],
      [['export', 'deal', '--format', 'pdf', '-o', out], 2, '--format must be csv or xlsx'],
      [['export', 'deal', '--filter', '{nope', '-o', out], 2, '--filter is not valid JSON'],
      [['export', 'deal', '--sort', 'nope', '-o', out], 1, 'cannot sort by "nope"'],
      [['export', 'nothing', '-o', out], 1, 'nothing'],
      [['export', 'deal'], 2, '--out'],
    ];
    for (const [args, code, message] of cases) {
      const r = await here(...args);
      expect([r.code, r.stderr]).toEqual([code, expect.stringContaining(message)]);
    }
    expect(readdirSync(files)).not.toContain('bad.csv');
    expect(readdirSync(files)).not.toContain('bad.csv.part');
  });
});
