/**
 * The CLI's commands as a person runs them, in this process (main with a captured Io, without a terminal), on
 * workspaces in a temporary data dir (SQLite), with a small package of its own (packages/cli/fixtures/equipment).
 * What only a process shows (the bin starting, its exit code, a signal, stdin that is not a terminal) is in
 * bin.test.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, startHere, tesseraHere } from '../test/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `tessera <args>` on the SQLite workspaces of `dataDir`. */
const tessera = (dataDir: string, ...args: string[]) => tesseraHere({ TESSERA_DATA_DIR: dataDir }, ...args);

/**
 * One request on a connection of its own (a POST when it has a body): after a pause (a CLI run meanwhile) a
 * pooled keep-alive connection may be one the server is just closing.
 */
function call(url: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; cookie?: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: body ? 'POST' : 'GET', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', reject).end(body);
  });
}

describe('tessera CLI', () => {
  const data = join(dir, 'data');
  const typesFile = join(dir, 'generated', 'tessera-types.ts');

  it('deploy --dry-run prints the plan and changes nothing', async () => {
    const r = await tessera(data, 'deploy', EXAMPLE, '--dry-run');
    expect(r.stderr).toContain('Dry run: nothing was changed.');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Plan \(3 changes\):\n1\. Create object "account" with 5 fields\n2\. Create object "equipment_asset"/,
    );
    expect(r.stdout).toContain('3. Save package equipment');
    expect(r.stdout).toContain('First install.');
    expect(r.stdout).toContain('Seed data: 2 records from data/equipment_asset.csv');
    expect(existsSync(join(data, 'default.sqlite'))).toBe(false);

    const types = await tessera(data, 'types', '--out', typesFile);
    expect(types.code).toBe(1);
    expect(types.stderr).toContain('workspace "default" has no objects yet');
    expect(existsSync(typesFile)).toBe(false);
  });

  it('deploy --yes applies the plan as metadata version 1, and again changes nothing', async () => {
    const r = await tessera(data, 'deploy', EXAMPLE, '--yes');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2. Create object "equipment_asset" with 7 fields');
    expect(r.stderr).toContain('[2/3] Create object "equipment_asset" with 7 fields');
    expect(r.stdout).toContain('Deployed equipment 0.1.0: workspace "default" is now at metadata version 1.');

    const again = await tessera(data, 'deploy', EXAMPLE, '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
  });

  it('start refuses a busy port before it sets anything up, naming the port and PORT', async () => {
    const own = join(dir, 'busy-port');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const r = await tesseraHere({ TESSERA_DATA_DIR: own, PORT: String(port) }, 'start');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `tessera start: port ${port} on 127.0.0.1 is already in use (another Tessera, or another program)`,
      );
      expect(r.stderr).toContain(`PORT=${port + 1} pnpm start`);
      expect(r.stdout).toBe('');
      // No admin made, no template installed, no token: the next start is a first start again.
      expect(existsSync(join(own, 'default.sqlite'))).toBe(false);
      expect(existsSync(join(own, 'admin-token.sha256'))).toBe(false);
    } finally {
      holder.close();
    }
    expect((await tessera(own, 'start', '--help')).code).toBe(0);
    const bad = await tesseraHere({ TESSERA_DATA_DIR: own, PORT: 'http' }, 'start');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORT must be a port number from 0 to 65535, not "http"');
  });

  it('a first start shows the admin password and token at once and again at the end; users reset-password replaces a lost one', async () => {
    const own = join(dir, 'first-start');
    expect((await tessera(own, 'deploy', EXAMPLE, '--yes')).code).toBe(0);
    const started = await startHere({ TESSERA_DATA_DIR: own });
    const password = /with the password (\S+) \(shown only at this start; change it\)/.exec(
      started.stdout,
    )?.[1];
    const token = /shown only at this start \(send it as "Authorization: Bearer <token>"\): (\S+)/.exec(
      started.stdout,
    )?.[1];
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(token).toMatch(/^tsr_[\w-]{32}$/);
    const [before, after] = started.stdout.split('  API docs');
    // Once before the workspace is listed (in case what follows fails) and again as the last lines.
    for (const part of [before, after]) {
      expect(part).toContain(`as admin@tessera.local with the password ${password}`);
      expect(part).toContain(`(send it as "Authorization: Bearer <token>"): ${token}`);
    }
    expect(started.stdout.trimEnd().split('\n').at(-1)).toContain(token);
    const api = `${started.base}/api/v1`;
    expect((await call(`${api}/data/account`, { authorization: `Bearer ${token}` })).status).toBe(200);
    const signIn = (pw: string) =>
      call(
        `${api}/auth/sign-in`,
        { 'content-type': 'application/json' },
        JSON.stringify({ workspace: 'default', email: 'admin@tessera.local', password: pw }),
      );
    const session = await signIn(password as string);
    expect(session.status).toBe(200);
    const cookie = session.cookie?.split(';')[0] as string;
    expect((await call(`${api}/auth/me`, { cookie })).status).toBe(200);

    const reset = await tessera(own, 'users', 'reset-password', 'Admin@Tessera.local');
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    const renewed =
      /^New password for admin@tessera\.local in workspace "default": (\S+) \(shown only now; their sessions were ended\)$/.exec(
        reset.stdout,
      )?.[1];
    expect(renewed).toMatch(/^[\w-]{16}$/);
    expect((await call(`${api}/auth/me`, { cookie })).status).toBe(401);
    expect((await signIn(password as string)).status).toBe(401);
    expect((await signIn(renewed as string)).status).toBe(200);
    expect(await started.stop()).toBe(0);

    const again = await startHere({ TESSERA_DATA_DIR: own });
    expect(again.stdout).not.toContain('shown only at this start');
    expect(again.stdout).toContain('Platform admin API token: the one shown at first start');
    expect(again.stdout).toContain('A lost password: tessera users reset-password <email>.');
    expect(await again.stop()).toBe(0);

    const unknown = await tessera(own, 'users', 'reset-password', 'nobody@tessera.local');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('workspace "default" has no user with the email nobody@tessera.local');
    const elsewhere = await tessera(
      own,
      'users',
      'reset-password',
      'admin@tessera.local',
      '--workspace',
      'acme',
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('workspace "acme" does not exist');
    expect(existsSync(join(own, 'acme.sqlite'))).toBe(false);
    expect((await tessera(own, 'users', 'reset-password')).code).toBe(2);
    expect((await tessera(own, 'users', 'delete', 'admin@tessera.local')).code).toBe(2);
  });

  it('start refuses a TESSERA_TRUST_PROXY it does not understand, naming it', async () => {
    const r = await tesseraHere(
      { TESSERA_DATA_DIR: data, PORT: '0', TESSERA_ADMIN_TOKEN: 'cli-test', TESSERA_TRUST_PROXY: 'maybe' },
      'start',
    );
    expect(r.stderr).toContain('TESSERA_TRUST_PROXY must be 1 or true (or unset), not "maybe"');
    expect(r.stdout).not.toContain('serving at');
    expect(r.code).toBe(2);
  });

  it('pull writes the metadata as a package that deploy takes back unchanged', async () => {
    const out = join(dir, 'pulled');
    const r = await tessera(data, 'pull', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote 2 objects (metadata version 1)');
    const asset = JSON.parse(readFileSync(join(out, 'objects/equipment_asset.json'), 'utf8'));
    expect(asset['x-tessera'].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(asset.properties.serial_no['x-tessera'].id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await tessera(data, 'deploy', out, '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    // A rename made in the pulled files keeps the field's identity.
    asset.properties.serial = asset.properties.serial_no;
    delete asset.properties.serial_no;
    asset.required = asset.required.map((f: string) => (f === 'serial_no' ? 'serial' : f));
    writeFileSync(join(out, 'objects/equipment_asset.json'), JSON.stringify(asset));
    const renamed = await tessera(data, 'deploy', out, '--dry-run');
    expect(renamed.stdout).toContain('Rename field "equipment_asset.serial_no" to "serial"');
    expect((await tessera(data, 'pull')).code).toBe(2);
  });

  it('types --out writes the declarations', async () => {
    const r = await tessera(data, 'types', '--out', typesFile);
    expect(r.code).toBe(0);
    const source = readFileSync(typesFile, 'utf8');
    expect(source).toContain('export interface EquipmentAsset');
    expect(source).toContain('export interface EquipmentAssetCreate');
    expect(source).toContain('export interface TesseraObjects');
  });

  it('the generated types compile and reject a wrong record', async () => {
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
    // Checked in this process, against the ECMAScript library alone (no DOM, no Node types): the declarations
    // must stand on their own, and the compiler reads nothing else.
    const program = ts.createProgram([sample], {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: [],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it('an unknown command exits 2 with the usage', async () => {
    const r = await tessera(data, 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('Usage: tessera <command>');
  });

  it('usage errors exit 2: a missing folder, an unknown option', async () => {
    expect((await tessera(data, 'deploy')).code).toBe(2);
    const r = await tessera(data, 'types', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
  });

  it('a folder that is not a package fails with exit 1 and says why', async () => {
    const r = await tessera(data, 'deploy', 'packages/cli', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a Tessera package: it has no tessera.package.json');
  });

  it('a folder that does not exist, or a file, is named as such', async () => {
    const missing = await tessera(data, 'deploy', 'packages/cli/fixtures/nothing-here', '--dry-run');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'tessera deploy: packages/cli/fixtures/nothing-here does not exist: give the path of a package folder',
    );
    const file = await tessera(data, 'deploy', `${EXAMPLE}/tessera.package.json`, '--dry-run');
    expect(file.code).toBe(1);
    expect(file.stderr).toContain(
      `${EXAMPLE}/tessera.package.json is a file: give the folder that holds tessera.package.json`,
    );
    const extras = join(dir, 'with-extras');
    rmSync(extras, { recursive: true, force: true });
    cpSync(join(ROOT, EXAMPLE), extras, { recursive: true });
    mkdirSync(join(extras, 'automations'), { recursive: true });
    mkdirSync(join(extras, 'i18n'), { recursive: true });
    const warned = await tessera(join(dir, 'extras-data'), 'deploy', extras, '--dry-run');
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(
      `warning: ${join(extras, 'i18n')}/ is left out: tessera deploys objects, extensions, permissions, rules, layouts, views, automations and data`,
    );
    expect(warned.stderr).not.toContain(`${join(extras, 'automations')}/ is left out`);
  });

  it('a document without its API name is named by its file, not by its place in the workspace', async () => {
    const pkg = join(dir, 'unnamed');
    rmSync(pkg, { recursive: true, force: true });
    cpSync(join(ROOT, EXAMPLE), pkg, { recursive: true });
    const doc = JSON.parse(readFileSync(join(pkg, 'objects/account.json'), 'utf8'));
    delete doc['x-tessera'].apiName;
    writeFileSync(join(pkg, 'objects/account.json'), JSON.stringify(doc));
    mkdirSync(join(pkg, 'views'), { recursive: true });
    writeFileSync(
      join(pkg, 'views/all_assets.json'),
      JSON.stringify({ kind: 'list_view', object: 'equipment_asset', columns: [{ field: 'name' }] }),
    );
    // Deployed onto a workspace that already has objects: the engine's own name for it would be "#2".
    const r = await tessera(data, 'deploy', pkg, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not follow the package layout');
    expect(r.stderr).toContain(
      '  objects/account.json must name its object: "x-tessera": { "apiName": "account", … }',
    );
    expect(r.stderr).toContain('  views/all_assets.json must name its document: "apiName": "all_assets"');
    expect(r.stderr).not.toMatch(/#\d/);
  });

  it('a PostgreSQL server that cannot be reached is named, with what to check', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const r = await tesseraHere(
      { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/crm` },
      'packages',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `tessera packages: cannot reach the PostgreSQL database of DATABASE_URL (postgres@127.0.0.1:${port}/crm): nothing accepts connections at that host and port (connect ECONNREFUSED 127.0.0.1:${port})`,
    );
    expect(r.stderr).toContain('check that PostgreSQL is running there and that DATABASE_URL is right');
    expect(r.stderr).not.toContain('secret');
  });

  it('invalid documents are reported by file and JSON pointer, and nothing is applied', async () => {
    const pkg = join(dir, 'broken');
    const objects = join(pkg, 'objects');
    rmSync(pkg, { recursive: true, force: true });
    mkdirSync(objects, { recursive: true });
    writeFileSync(join(pkg, 'tessera.package.json'), JSON.stringify({ name: 'broken', version: '1.0.0' }));
    const doc = JSON.parse(readFileSync(join(ROOT, EXAMPLE, 'objects/account.json'), 'utf8'));
    doc['x-tessera'].apiName = 'client';
    doc.properties.city['x-tessera'].field = 'txt';
    writeFileSync(join(objects, 'client.json'), JSON.stringify(doc));
    const r = await tessera(data, 'deploy', pkg, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/objects\/client\.json \/properties\/city\/x-tessera\/field: .*\[/);
    expect((await tessera(data, 'types')).stdout).toContain('export interface EquipmentAsset');
  });

  it('deploys roles, permission sets, rules, layouts, list views and automations from their folders, names a bad one by file, and pulls them back', async () => {
    const own = join(dir, 'access-data');
    const pkg = join(dir, 'with-access');
    rmSync(pkg, { recursive: true, force: true });
    mkdirSync(join(pkg, 'objects'), { recursive: true });
    mkdirSync(join(pkg, 'permissions'), { recursive: true });
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
    const refused = await tessera(own, 'deploy', pkg, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /permissions\/sales\.json \/objects\/nothing: there is no object "nothing"/,
    );
    expect((await tessera(own, 'types')).stderr).toContain('workspace "default" has no objects yet');

    write('sales', { kind: 'permission_set', apiName: 'sales', objects: { account: { read: true } } });
    mkdirSync(join(pkg, 'rules'), { recursive: true });
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
    mkdirSync(join(pkg, 'layouts'), { recursive: true });
    mkdirSync(join(pkg, 'views'), { recursive: true });
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
    mkdirSync(join(pkg, 'automations'), { recursive: true });
    const welcome = {
      kind: 'automation',
      apiName: 'welcome',
      label: { en: 'Welcome', 'zh-CN': '欢迎' },
      object: 'account',
      active: true,
      trigger: { on: ['create'] },
      actions: [{ type: 'notify', to: [{ role: 'manager' }], message: { en: 'New account {!nam}' } }],
    };
    writeFileSync(join(pkg, 'automations/welcome.json'), JSON.stringify(welcome));
    const badMerge = await tessera(own, 'deploy', pkg, '--yes');
    expect(badMerge.code).toBe(1);
    expect(badMerge.stderr).toContain(
      'automations/welcome.json /actions/0/message/en: {!nam} does not name a field of account',
    );
    welcome.actions[0] = {
      type: 'notify',
      to: [{ role: 'manager' }],
      message: { en: 'New account {!name}' },
    };
    writeFileSync(join(pkg, 'automations/welcome.json'), JSON.stringify(welcome));
    const deployed = await tessera(own, 'deploy', pkg, '--yes');
    expect(deployed.stderr).not.toContain('error');
    expect(deployed.code).toBe(0);
    const out = join(dir, 'pulled-access');
    expect((await tessera(own, 'pull', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'permissions/rep.json'), 'utf8'))).toEqual({
      kind: 'role',
      apiName: 'rep',
      parent: 'manager',
    });
    expect(JSON.parse(readFileSync(join(out, 'rules/named.json'), 'utf8')).formula).toBe('ISBLANK(name)');
    expect(JSON.parse(readFileSync(join(out, 'layouts/account_layout.json'), 'utf8'))).toEqual(accountLayout);
    expect(JSON.parse(readFileSync(join(out, 'views/all_accounts.json'), 'utf8'))).toEqual(allAccounts);
    expect(JSON.parse(readFileSync(join(out, 'automations/welcome.json'), 'utf8'))).toEqual(welcome);
    expect((await tessera(own, 'deploy', out, '--yes')).stdout).toContain('No changes');

    write('stray', { kind: 'layout', apiName: 'stray' });
    const layout = await tessera(own, 'deploy', pkg, '--yes');
    expect(layout.code).toBe(1);
    expect(layout.stderr).toContain('permissions/stray.json must be a role or a permission set');
    writeFileSync(
      join(pkg, 'views/misplaced.json'),
      JSON.stringify({ kind: 'layout', apiName: 'misplaced' }),
    );
    expect((await tessera(own, 'deploy', pkg, '--yes')).stderr).toContain(
      'views/misplaced.json must be a list view',
    );
  });

  /** A copy of the example package named `name`, with `csv` as its equipment seed data. */
  function withAssets(name: string, csv: string): string {
    const pkg = join(dir, name);
    rmSync(pkg, { recursive: true, force: true });
    cpSync(join(ROOT, EXAMPLE), pkg, { recursive: true });
    writeFileSync(join(pkg, 'data/equipment_asset.csv'), csv);
    return pkg;
  }

  it('seed data with a bad row is refused by file, line and column, and nothing is installed', async () => {
    const own = join(dir, 'seed-data');
    const pkg = withAssets(
      'bad-seed',
      'name,serial_no,customer_id,price\nPump,SN-1,Northwind Traders,10\nPump 2,SN-2,Nobody Inc,12,5\n',
    );
    const r = await tessera(own, 'deploy', pkg, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('data/equipment_asset.csv');
    expect(r.stderr).toMatch(/line 3.*Invalid Record Length|bad_csv/);
    writeFileSync(
      join(pkg, 'data/equipment_asset.csv'),
      'name,serial_no,customer_id,price\nPump,SN-1,Northwind Traders,10\nPump 2,SN-2,Nobody Inc,12\n',
    );
    const unknown = await tessera(own, 'deploy', pkg, '--yes');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'bad-seed/data/equipment_asset.csv /3/customer_id: line 3, column customer_id: no account record has name "Nobody Inc" [unknown_key]',
    );
    expect((await tessera(own, 'types')).stderr).toContain('workspace "default" has no objects yet');
  });

  it('deploy --dry-run checks seed rows fully and lists every bad one at once, as the deploy does', async () => {
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
      const r = await tessera(own, 'deploy', pkg, flag);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('3 problems in the seed data');
      expect(r.stderr).toContain(
        `${file} /3/customer_id: line 3, column customer_id: no account record has name "Nobody Inc" [unknown_key]`,
      );
      expect(r.stderr).toMatch(
        new RegExp(`${file} /4/warranty_end: line 4, column warranty_end: "2026-02-30" .* \\[bad_value\\]`),
      );
      expect(r.stderr).toMatch(new RegExp(`${file} /5/status: line 5, column status: .* \\[enum\\]`));
    }
    expect((await tessera(own, 'types')).stderr).toContain('workspace "default" has no objects yet');
  });

  it('uninstall is refused while the package has records, and --force moves them to the trash', async () => {
    const own = join(dir, 'uninstall');
    expect((await tessera(own, 'deploy', EXAMPLE, '--yes')).code).toBe(0);
    expect((await tessera(own, 'packages')).stdout).toMatch(
      /^package\s+version\s+label\s+depends on\s+owns\nequipment\s+0\.1\.0\s+Equipment\s+—\s+2 objects$/,
    );
    const refused = await tessera(own, 'uninstall', 'equipment', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('equipment has records (account: 2, equipment_asset: 2)');
    const forced = await tessera(own, 'uninstall', 'equipment', '--yes', '--force');
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toContain('account: 2 records go to the trash with their object');
    expect(forced.stdout).toContain(
      'Uninstalled equipment: workspace "default" is now at metadata version 2.',
    );
    expect((await tessera(own, 'types')).stderr).toContain('workspace "default" has no objects yet');
    expect((await tessera(own, 'uninstall', 'equipment', '--yes')).stderr).toContain(
      'package "equipment" is not installed',
    );
    expect((await tessera(own, 'packages')).stdout).toBe('No packages are installed in workspace "default".');
  });

  it('workspace create makes a tenant with its first admin and token, once; other commands reach it by name', async () => {
    const own = join(dir, 'tenants');
    const made = await tessera(own, 'workspace', 'create', 'acme', '--email', 'boss@acme.example');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Admin: boss@acme\.example, password \S{16} \(shown only now\)/);
    expect(made.stdout).toMatch(/Admin API token \(shown only now\): tsr_acme\.[\w-]{43}$/);
    expect(existsSync(join(own, 'acme.sqlite'))).toBe(true);
    const again = await tessera(own, 'workspace', 'create', 'acme', '--email', 'other@acme.example');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('workspace "acme" already exists');
    const weak = await tessera(
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
    expect((await tessera(own, 'workspace', 'create', 'Bad Name', '--email', 'x@y.example')).code).toBe(2);
    expect((await tessera(own, 'workspace', 'create', 'gamma')).code).toBe(2);

    const r = await tesseraHere(
      { TESSERA_DATA_DIR: own, TESSERA_WORKSPACE: 'acme' },
      'deploy',
      EXAMPLE,
      '--yes',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('workspace "acme" is now at metadata version 1');
    expect(existsSync(join(own, 'default.sqlite'))).toBe(false);
  });
});
