/** `tessera export` and `tessera import`: files out of and into a workspace's objects, from the machine. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEAL_DOCUMENTS } from '../../../engine/test/deal-documents.js';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { csvRows, xlsxRows } from '../../../engine/test/file-rows.js';
import { capturingIo, tesseraHere } from '../test/cli-process.js';
import { main } from './main.js';

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
    let printed = '';
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        printed += chunk;
        done();
      },
    });
    const { io, stderr } = capturingIo(cliEnv, { stdout });
    expect(await main(['export', 'deal', '--fields', 'name', '--sort', 'name'], io)).toBe(0);
    expect(stderr()).toBe('Exported 30 deal records.');
    // The export ends its own stream, never the process's stdout.
    expect(stdout.writableEnded).toBe(false);
    const [header, first] = csvRows(printed);
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

  it('imports a file in this process: partial with an errors file, atomic failing whole, dry run', async () => {
    const file = join(files, 'new-deals.csv');
    writeFileSync(file, 'name;units;account_id.code\nCli 1;1;A-1\nCli 2;two;A-1\nCli 3;3;A-1\n');
    const names = async () =>
      (await ws.records.list('deal', { filter: { name: { startsWith: 'Cli ' } }, sort: 'name' })).map(
        (r) => r.name,
      );

    const atomic = await here('import', 'deal', file);
    expect(atomic.code).toBe(1);
    expect(atomic.stdout).toContain('Import failed: deal from new-deals.csv, ');
    expect(atomic.stdout).toContain('0 created, 0 updated, 1 failed.');
    expect(await names()).toEqual([]);
    expect(readFileSync(join(files, 'new-deals.errors.csv'), 'utf8')).toMatch(
      /^line,column,field,code,message\r?\n3,units,units,/,
    );

    const dry = await here(
      'import',
      'deal',
      file,
      '--no-atomic',
      '--dry-run',
      '--errors',
      join(files, 'dry.csv'),
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run (nothing was written): deal from new-deals.csv, 3 rows');
    expect(await names()).toEqual([]);

    // In the language asked for, else the environment's (LANG); a tag that is none is refused.
    const zhArgs = ['import', 'deal', file, '--no-atomic', '--dry-run', '--errors', join(files, 'zh.csv')];
    const zh = await here(...zhArgs, '--locale', 'zh-CN');
    expect(zh.stderr).toContain('line 3, units: “two”不是 units 的值（integer：整数，例如 1234）');
    const fromLang = await tesseraHere({ ...cliEnv, LANG: 'zh_CN.UTF-8' }, ...zhArgs);
    expect(fromLang.stderr).toBe(zh.stderr);
    expect((await here(...zhArgs, '--locale', 'zh_CN!')).stderr).toContain('--locale takes a language tag');

    const partial = await here('import', 'deal', file, '--no-atomic');
    expect([partial.code, partial.stderr]).toEqual([0, expect.stringContaining('line 3, units:')]);
    expect(partial.stdout).toContain('2 created, 0 updated, 1 failed.');
    expect(partial.stdout).toContain(`Refused rows: ${join(files, 'new-deals.errors.csv')}`);
    expect(await names()).toEqual(['Cli 1', 'Cli 3']);

    const upsert = join(files, 'upsert.csv');
    writeFileSync(upsert, 'Deal name,Units\nCli 1,10\n');
    const mapped = await here(
      'import',
      'deal',
      upsert,
      '--mapping',
      'Deal name=name,Units=units',
      '--mode',
      'upsert',
      '--key',
      'name',
    );
    expect(mapped.code).toBe(1);
    expect(mapped.stderr).toContain('key "name" must be id or a unique field of deal');
  });

  it('refuses a bad import command line, and dispatches the Salesforce commands', async () => {
    const cases: [string[], number, string][] = [
      [['import', 'deal'], 2, 'name the object and the file'],
      [['import', 'deal', join(files, 'none.csv')], 1, 'no such file'],
      [['import', 'deal', join(files, 'deals.csv'), '--mapping', 'oops'], 2, 'column=field'],
      // Dispatched to the Salesforce commands, which refuse a folder that is not there.
      [
        ['import', 'salesforce', 'x', '--out', 'y'],
        1,
        "x is not a folder: give the Salesforce project's folder",
      ],
      [['import', 'salesforce-data', 'x'], 1, 'x: no such file or folder [bad_data_folder]'],
    ];
    for (const [args, code, message] of cases) {
      const r = await here(...args);
      expect([r.code, r.stderr]).toEqual([code, expect.stringContaining(message)]);
    }
  });
});
