/**
 * `tessera import salesforce`: converts a project into a folder, prints the report's counts, and with --deploy
 * installs the result on the workspace (SQLite and PostgreSQL); bad command lines change nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackage } from '@tessera/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachDialect, type TestWorkspaces } from '../../../engine/test/dialects.js';
import { readBasePackage } from '../../salesforce/src/base-package.js';
import { writeProject } from '../../salesforce/test/synthetic-project.js';
import { runImportSalesforce } from './commands/import-salesforce.js';
import { CliError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { readPackage } from './package-folder.js';
import { withWorkspace, workspaceEnv } from './workspace-env.js';

const temp: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-sf-'));
  temp.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function testIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    errIsTerminal: false,
    confirm: async () => false,
    env,
    cwd: tempDir(),
  };
  return { io, out, err };
}

describe('tessera import salesforce', () => {
  it('writes the package, the map and the report, and prints the counts', async () => {
    const project = writeProject();
    temp.push(project);
    const { io, out } = testIo();
    const dir = join(io.cwd, 'converted');
    expect(await runImportSalesforce([project, '--out', 'converted'], io)).toBe(0);
    for (const file of [
      'tessera.package.json',
      'salesforce-map.json',
      'migration-report.md',
      'migration-report.json',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, 'objects', 'machine.json'))).toBe(true);
    expect(existsSync(join(dir, 'extensions', 'account.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'migration-report.json'), 'utf8'));
    expect(out.find((l) => l.startsWith('total'))).toMatch(
      new RegExp(
        `^total\\s+${report.counts.total.mapped}\\s+${report.counts.total.approximated}\\s+${report.counts.total.skipped}$`,
      ),
    );
    expect(out).toContain('Deploy it with: tessera deploy converted');
    // tessera deploy reads the folder as one package (with its crm-core fields), and leaves the map and report alone.
    const pkg = await readPackage(dir);
    expect(pkg.objects.map((o) => o.file).sort()).toEqual(['objects/machine.json', 'objects/refill.json']);
    expect(pkg.extensions.map((e) => e.file)).toEqual(
      ['account', 'contact', 'lead', 'opportunity', 'product', 'task'].map((o) => `extensions/${o}.json`),
    );
    expect(pkg.warnings).toEqual([]);
  });

  it('refuses a command line without a project or --out, or a folder that is no project', async () => {
    const { io } = testIo();
    await expect(runImportSalesforce(['--out', 'x'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(runImportSalesforce(['a', 'b', '--out', 'x'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(runImportSalesforce(['project'], io)).rejects.toThrow('--out');
    await expect(runImportSalesforce([io.cwd, '--out', 'x'], io)).rejects.toThrow(
      new CliError(
        `${io.cwd} holds no Salesforce metadata (no *-meta.xml or .object files): give an SFDX project's folder`,
      ),
    );
    expect(existsSync(join(io.cwd, 'x'))).toBe(false);
  });

  it('prints its help', async () => {
    const { io, out } = testIo();
    expect(await runImportSalesforce(['--help'], io)).toBe(0);
    expect(out[0]).toMatch(/^Usage: tessera import salesforce/);
  });
});

describeEachDialect('tessera import salesforce --deploy', (env: TestWorkspaces) => {
  const ioFor = (workspace: string) =>
    testIo({
      TESSERA_DATA_DIR: env.location.dataDir,
      DATABASE_URL: env.location.databaseUrl,
      TESSERA_WORKSPACE: workspace,
    });

  it('deploys the package and its crm-core fields on a workspace with crm-core', async () => {
    const project = writeProject();
    temp.push(project);
    const { io, out } = ioFor(env.newName());
    const base = await readBasePackage();
    await withWorkspace(workspaceEnv(io), (ws) =>
      installPackage(ws, { manifest: { name: base.name, version: base.version }, documents: base.documents }),
    );
    expect(await runImportSalesforce([project, '--out', 'pkg', '--deploy', '--yes'], io)).toBe(0);
    expect(out.some((l) => l.startsWith('Deployed vending-ops 1.0.0'))).toBe(true);
    await withWorkspace(workspaceEnv(io), async (ws) => {
      const objects = ws.model.documents.objects.map((o) => o['x-tessera'].apiName);
      expect(objects).toEqual(expect.arrayContaining(['account', 'machine', 'refill']));
      expect(
        ws.model.documents.objects.find((o) => o['x-tessera'].apiName === 'account')?.properties.tier,
      ).toBeDefined();
    });
  });

  it('asks before deploying, and refuses without --yes when nobody can answer', async () => {
    const project = writeProject();
    temp.push(project);
    const { io } = ioFor(env.newName());
    await expect(runImportSalesforce([project, '--out', 'pkg', '--deploy'], io)).rejects.toThrow('--yes');
    expect(existsSync(join(io.cwd, 'pkg'))).toBe(false);
  });
});
