/**
 * The CLI as a person runs it: `node packages/cli/bin/tessera.js …` in a child process, on a workspace in a
 * temporary data dir (SQLite), with a small package of its own (packages/cli/fixtures/equipment).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/tessera.js');
const EXAMPLE = 'packages/cli/fixtures/equipment';
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tessera(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TESSERA_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tessera CLI', () => {
  const data = join(dir, 'data');
  const typesFile = join(dir, 'generated', 'tessera-types.ts');

  it('deploy --dry-run prints the plan and changes nothing', () => {
    const r = tessera(data, 'deploy', EXAMPLE, '--dry-run');
    expect(r.stderr).toContain('Dry run: nothing was changed.');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Plan \(3 changes\):\n1\. Create object "account" with 5 fields\n2\. Create object "equipment_asset"/,
    );
    expect(r.stdout).toContain('3. Save package equipment');
    expect(r.stdout).toContain('First install.');
    expect(r.stdout).toContain('Seed data: 2 records from data/equipment_asset.csv');
    expect(existsSync(join(data, 'default.sqlite'))).toBe(false);

    const types = tessera(data, 'types', '--out', typesFile);
    expect(types.code).toBe(1);
    expect(types.stderr).toContain('workspace "default" has no objects yet');
    expect(existsSync(typesFile)).toBe(false);
  });

  it('deploy without --yes and without a terminal refuses and changes nothing', () => {
    const r = tessera(data, 'deploy', EXAMPLE);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('1. Create object "account"');
    expect(r.stderr).toContain('pass --yes');
    expect(existsSync(join(data, 'default.sqlite'))).toBe(false);
  });

  it('deploy --yes applies the plan as metadata version 1, and again changes nothing', () => {
    const r = tessera(data, 'deploy', EXAMPLE, '--yes');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2. Create object "equipment_asset" with 7 fields');
    expect(r.stderr).toContain('[2/3] Create object "equipment_asset" with 7 fields');
    expect(r.stdout).toContain('Deployed equipment 0.1.0: workspace "default" is now at metadata version 1.');

    const again = tessera(data, 'deploy', EXAMPLE, '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
  });

  it('start prints what is there, serves the API with the admin token, and stops gracefully', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TESSERA_DATA_DIR: data,
      PORT: '0',
      TESSERA_ADMIN_TOKEN: 'cli-test',
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /serving at (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${stdout}`)));
    });
    expect(stdout).toContain('metadata version 1');
    expect(stdout).toContain(`SQLite file ${join(data, 'default.sqlite')}`);
    expect(stdout).toMatch(/equipment_asset\s+Equipment Asset\s+7\s+2/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const denied = await fetch(`${url}/data/account`);
    expect(denied.status).toBe(401);
    const listed = await fetch(`${url}/data/account?sort=name&fields=name`, {
      headers: { authorization: 'Bearer cli-test' },
    });
    const body = (await listed.json()) as { data: { name: string }[] };
    expect(body.data.map((a) => a.name)).toEqual(['Northwind Traders', '上海重工机械有限公司']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('pull writes the metadata as a package that deploy takes back unchanged', () => {
    const out = join(dir, 'pulled');
    const r = tessera(data, 'pull', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote 2 objects (metadata version 1)');
    const asset = JSON.parse(readFileSync(join(out, 'objects/equipment_asset.json'), 'utf8'));
    expect(asset['x-tessera'].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(asset.properties.serial_no['x-tessera'].id).toMatch(/^[0-9a-f-]{36}$/);
    const again = tessera(data, 'deploy', out, '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    // A rename made in the pulled files keeps the field's identity.
    asset.properties.serial = asset.properties.serial_no;
    delete asset.properties.serial_no;
    asset.required = asset.required.map((f: string) => (f === 'serial_no' ? 'serial' : f));
    writeFileSync(join(out, 'objects/equipment_asset.json'), JSON.stringify(asset));
    const renamed = tessera(data, 'deploy', out, '--dry-run');
    expect(renamed.stdout).toContain('Rename field "equipment_asset.serial_no" to "serial"');
    expect(tessera(data, 'pull').code).toBe(2);
  });

  it('types --out writes the declarations', () => {
    const r = tessera(data, 'types', '--out', typesFile);
    expect(r.code).toBe(0);
    const source = readFileSync(typesFile, 'utf8');
    expect(source).toContain('export interface EquipmentAsset');
    expect(source).toContain('export interface EquipmentAssetCreate');
    expect(source).toContain('export interface TesseraObjects');
  });

  it('the generated types compile and reject a wrong record', () => {
    const sample = join(dir, 'generated', 'sample.ts');
    writeFileSync(
      sample,
      `import type { EquipmentAssetCreate, TesseraObjects } from './tessera-types.js';

export const pump: EquipmentAssetCreate = { name: 'Pump 7', serial_no: 'SN-0007', status: 'in_repair', price: 1250.5 };
export const account: TesseraObjects['account']['create'] = { name: 'Acme', industry: 'retail' };

// @ts-expect-error status must be one of the picklist's values
export const badStatus: EquipmentAssetCreate = { name: 'Pump 8', serial_no: 'SN-0008', status: 'broken' };
// @ts-expect-error serial_no is required
export const noSerial: EquipmentAssetCreate = { name: 'Pump 9' };
// @ts-expect-error under_warranty is a formula: read-only, not part of a create
export const formula: EquipmentAssetCreate = { name: 'Pump 10', serial_no: 'SN-0010', under_warranty: true };
`,
    );
    const args = [
      '--noEmit',
      '--strict',
      '--target',
      'ES2022',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
    ];
    const r = spawnSync(process.execPath, [TSC, ...args, sample], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('an unknown command exits 2 with the usage', () => {
    const r = tessera(data, 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('Usage: tessera <command>');
  });

  it('usage errors exit 2: a missing folder, an unknown option', () => {
    expect(tessera(data, 'deploy').code).toBe(2);
    const r = tessera(data, 'types', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
  });

  it('a folder that is not a package fails with exit 1 and says why', () => {
    const r = tessera(data, 'deploy', 'packages/cli', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a Tessera package: it has no tessera.package.json');
  });

  it('invalid documents are reported by file and JSON pointer, and nothing is applied', () => {
    const pkg = join(dir, 'broken');
    const objects = join(pkg, 'objects');
    rmSync(pkg, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', objects]);
    writeFileSync(join(pkg, 'tessera.package.json'), JSON.stringify({ name: 'broken', version: '1.0.0' }));
    const doc = JSON.parse(readFileSync(join(ROOT, EXAMPLE, 'objects/account.json'), 'utf8'));
    doc['x-tessera'].apiName = 'client';
    doc.properties.city['x-tessera'].field = 'txt';
    writeFileSync(join(objects, 'client.json'), JSON.stringify(doc));
    const r = tessera(data, 'deploy', pkg, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/objects\/client\.json \/properties\/city\/x-tessera\/field: .*\[/);
    expect(tessera(data, 'types').stdout).toContain('export interface EquipmentAsset');
  });

  it('deploys roles, permission sets, rules, layouts and list views from their folders, names a bad one by file, and pulls them back', () => {
    const own = join(dir, 'access-data');
    const pkg = join(dir, 'with-access');
    rmSync(pkg, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', join(pkg, 'objects'), join(pkg, 'permissions')]);
    writeFileSync(
      join(pkg, 'tessera.package.json'),
      JSON.stringify({ name: 'with-access', version: '1.0.0' }),
    );
    writeFileSync(
      join(pkg, 'objects/account.json'),
      readFileSync(join(ROOT, EXAMPLE, 'objects/account.json')),
    );
    const write = (name: string, doc: unknown) =>
      writeFileSync(join(pkg, 'permissions', `${name}.json`), JSON.stringify(doc));
    write('manager', { kind: 'role', apiName: 'manager' });
    write('rep', { kind: 'role', apiName: 'rep', parent: 'manager' });
    write('sales', { kind: 'permission_set', apiName: 'sales', objects: { nothing: { read: true } } });
    const refused = tessera(own, 'deploy', pkg, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /permissions\/sales\.json \/objects\/nothing: there is no object "nothing"/,
    );
    expect(tessera(own, 'types').stderr).toContain('workspace "default" has no objects yet');

    write('sales', { kind: 'permission_set', apiName: 'sales', objects: { account: { read: true } } });
    spawnSync('mkdir', ['-p', join(pkg, 'rules')]);
    writeFileSync(
      join(pkg, 'rules/named.json'),
      JSON.stringify({
        kind: 'validation_rule',
        apiName: 'named',
        object: 'account',
        formula: 'ISBLANK(name)',
        message: { en: 'Name it' },
      }),
    );
    spawnSync('mkdir', ['-p', join(pkg, 'layouts'), join(pkg, 'views')]);
    const accountLayout = {
      kind: 'layout',
      apiName: 'account_layout',
      object: 'account',
      sections: [{ id: 'main', columns: 1, items: [{ field: 'name', required: true }] }],
    };
    writeFileSync(join(pkg, 'layouts/account_layout.json'), JSON.stringify(accountLayout));
    const allAccounts = {
      kind: 'list_view',
      apiName: 'all_accounts',
      object: 'account',
      label: { en: 'All accounts', 'zh-CN': '全部客户' },
      columns: [{ field: 'name' }],
    };
    writeFileSync(join(pkg, 'views/all_accounts.json'), JSON.stringify(allAccounts));
    const deployed = tessera(own, 'deploy', pkg, '--yes');
    expect(deployed.stderr).not.toContain('error');
    expect(deployed.code).toBe(0);
    const out = join(dir, 'pulled-access');
    expect(tessera(own, 'pull', out).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'permissions/rep.json'), 'utf8'))).toEqual({
      kind: 'role',
      apiName: 'rep',
      parent: 'manager',
    });
    expect(JSON.parse(readFileSync(join(out, 'rules/named.json'), 'utf8')).formula).toBe('ISBLANK(name)');
    expect(JSON.parse(readFileSync(join(out, 'layouts/account_layout.json'), 'utf8'))).toEqual(accountLayout);
    expect(JSON.parse(readFileSync(join(out, 'views/all_accounts.json'), 'utf8'))).toEqual(allAccounts);
    expect(tessera(own, 'deploy', out, '--yes').stdout).toContain('No changes');

    write('stray', { kind: 'layout', apiName: 'stray' });
    const layout = tessera(own, 'deploy', pkg, '--yes');
    expect(layout.code).toBe(1);
    expect(layout.stderr).toContain('permissions/stray.json must be a role or a permission set');
    writeFileSync(
      join(pkg, 'views/misplaced.json'),
      JSON.stringify({ kind: 'layout', apiName: 'misplaced' }),
    );
    expect(tessera(own, 'deploy', pkg, '--yes').stderr).toContain('views/misplaced.json must be a list view');
  });

  /** A copy of the example package named `name`, with `csv` as its equipment seed data. */
  function withAssets(name: string, csv: string): string {
    const pkg = join(dir, name);
    rmSync(pkg, { recursive: true, force: true });
    spawnSync('cp', ['-r', join(ROOT, EXAMPLE), pkg]);
    writeFileSync(join(pkg, 'data/equipment_asset.csv'), csv);
    return pkg;
  }

  it('seed data with a bad row is refused by file, line and column, and nothing is installed', () => {
    const own = join(dir, 'seed-data');
    const pkg = withAssets(
      'bad-seed',
      'name,serial_no,customer_id,price\nPump,SN-1,Northwind Traders,10\nPump 2,SN-2,Nobody Inc,12,5\n',
    );
    const r = tessera(own, 'deploy', pkg, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('data/equipment_asset.csv');
    expect(r.stderr).toMatch(/line 3.*Invalid Record Length|bad_csv/);
    writeFileSync(
      join(pkg, 'data/equipment_asset.csv'),
      'name,serial_no,customer_id,price\nPump,SN-1,Northwind Traders,10\nPump 2,SN-2,Nobody Inc,12\n',
    );
    const unknown = tessera(own, 'deploy', pkg, '--yes');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'bad-seed/data/equipment_asset.csv /3/customer_id: line 3, column customer_id: no account record has name "Nobody Inc" [unknown_key]',
    );
    expect(tessera(own, 'types').stderr).toContain('workspace "default" has no objects yet');
  });

  it('deploy --dry-run checks seed rows fully and lists every bad one at once, as the deploy does', () => {
    const own = join(dir, 'seed-dry-run');
    const pkg = withAssets(
      'three-bad-rows',
      [
        'name,serial_no,status,customer_id,warranty_end,price',
        'Good,SN-1,active,Northwind Traders,2027-06-30,10',
        'Unknown customer,SN-2,active,Nobody Inc,,12',
        'Impossible date,SN-3,active,Northwind Traders,2026-02-30,12',
        'Bad status,SN-4,lost,Northwind Traders,,12',
        '',
      ].join('\n'),
    );
    const file = 'three-bad-rows/data/equipment_asset.csv';
    for (const flag of ['--dry-run', '--yes']) {
      const r = tessera(own, 'deploy', pkg, flag);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('3 problems in the seed data');
      expect(r.stderr).toContain(
        `${file} /3/customer_id: line 3, column customer_id: no account record has name "Nobody Inc" [unknown_key]`,
      );
      expect(r.stderr).toMatch(
        new RegExp(`${file} /4/warranty_end: line 4, column warranty_end: .* \\[format\\]`),
      );
      expect(r.stderr).toMatch(new RegExp(`${file} /5/status: line 5, column status: .* \\[enum\\]`));
    }
    expect(tessera(own, 'types').stderr).toContain('workspace "default" has no objects yet');
  });

  it('uninstall is refused while the package has records, and --force moves them to the trash', () => {
    const own = join(dir, 'uninstall');
    expect(tessera(own, 'deploy', EXAMPLE, '--yes').code).toBe(0);
    expect(tessera(own, 'packages').stdout).toMatch(
      /^package\s+version\s+label\s+depends on\s+owns\nequipment\s+0\.1\.0\s+Equipment\s+—\s+2 objects\n$/,
    );
    const refused = tessera(own, 'uninstall', 'equipment', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('equipment has records (account: 2, equipment_asset: 2)');
    const forced = tessera(own, 'uninstall', 'equipment', '--yes', '--force');
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toContain('account: 2 records go to the trash with their object');
    expect(forced.stdout).toContain(
      'Uninstalled equipment: workspace "default" is now at metadata version 2.',
    );
    expect(tessera(own, 'types').stderr).toContain('workspace "default" has no objects yet');
    expect(tessera(own, 'uninstall', 'equipment', '--yes').stderr).toContain(
      'package "equipment" is not installed',
    );
    expect(tessera(own, 'packages').stdout).toBe('No packages are installed in workspace "default".\n');
  });

  it('workspace create makes a tenant with its first admin and token, once; other commands reach it by name', () => {
    const own = join(dir, 'tenants');
    const made = tessera(own, 'workspace', 'create', 'acme', '--email', 'boss@acme.example');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Admin: boss@acme\.example, password \S{16} \(shown only now\)/);
    expect(made.stdout).toMatch(/Admin API token \(shown only now\): tsr_acme\.[\w-]{43}\n/);
    expect(existsSync(join(own, 'acme.sqlite'))).toBe(true);
    const again = tessera(own, 'workspace', 'create', 'acme', '--email', 'other@acme.example');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('workspace "acme" already exists');
    const weak = tessera(
      own,
      'workspace',
      'create',
      'beta',
      '--email',
      'b@beta.example',
      '--password',
      'short',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: must have at least 10 characters');
    expect(existsSync(join(own, 'beta.sqlite'))).toBe(false);
    expect(tessera(own, 'workspace', 'create', 'Bad Name', '--email', 'x@y.example').code).toBe(2);
    expect(tessera(own, 'workspace', 'create', 'gamma').code).toBe(2);

    const env: NodeJS.ProcessEnv = { ...process.env, TESSERA_DATA_DIR: own, TESSERA_WORKSPACE: 'acme' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [BIN, 'deploy', EXAMPLE, '--yes'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('workspace "acme" is now at metadata version 1');
    expect(existsSync(join(own, 'default.sqlite'))).toBe(false);
  });
});
