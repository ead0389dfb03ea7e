/**
 * The backup folder on SQLite, in this process (main with a captured Io): what the manifest holds beside the
 * workspaces, and what `tessera backup` and `tessera restore` refuse, each with a message that says what is
 * wrong, without touching the target.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tesseraHere } from '../test/cli-process.js';
import { MANIFEST_FILE } from './backup/manifest.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-backup-refusals-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (env: Record<string, string>, ...argv: string[]) => tesseraHere(env, ...argv);

describe('the backup folder and its manifest', () => {
  const source = join(root, 'source');
  const backup = join(root, 'backup');
  const manifestPath = join(backup, MANIFEST_FILE);
  let manifest: Record<string, unknown>;
  beforeAll(async () => {
    const ws = await Workspace.open({ dataDir: source, workspace: 'default' });
    await ws.close();
    // A database of the platform's own beside the workspaces, and a plain file.
    copyFileSync(join(source, 'default.sqlite'), join(source, '_platform.sqlite'));
    writeFileSync(join(source, 'admin-token.sha256'), 'ab12\n');
    const made = await run({ TESSERA_DATA_DIR: source }, 'backup', '--out', backup);
    expect(made.code).toBe(0);
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  });

  /** Restores a copy of the backup whose manifest `change` altered, into a new, empty data dir. */
  async function restoreWith(change: string | ((m: Record<string, unknown>) => void), env = {}) {
    const changed = structuredClone(manifest);
    if (typeof change !== 'string') change(changed);
    writeFileSync(manifestPath, typeof change === 'string' ? change : JSON.stringify(changed));
    const target = mkdtempSync(join(root, 'target-'));
    try {
      const result = await run({ TESSERA_DATA_DIR: target, ...env }, 'restore', backup);
      return { ...result, written: readdirSync(target) };
    } finally {
      writeFileSync(manifestPath, JSON.stringify(manifest));
    }
  }

  it('backs up and restores the other databases and files of the data dir beside the workspaces', async () => {
    expect(manifest).toMatchObject({
      format: 'tessera-backup',
      formatVersion: 1,
      dialect: 'sqlite',
      workspaces: ['default'],
      databases: ['_platform.sqlite'],
      files: ['admin-token.sha256'],
    });
    const r = await restoreWith(() => {});
    expect(r.code).toBe(0);
    expect(r.written.sort()).toEqual(['_platform.sqlite', 'admin-token.sha256', 'default.sqlite']);
  });

  it('refuses a backup without the options it needs, or with extra arguments', async () => {
    expect((await run({}, 'backup')).stderr).toContain('--out <dir> is required');
    expect((await run({}, 'backup', '--out', join(root, 'x'), 'extra')).code).toBe(2);
    expect((await run({}, 'restore')).stderr).toContain('name one backup folder');
    expect((await run({}, 'restore', 'a', 'b')).code).toBe(2);
  });

  it('refuses to back up where there is no workspace, and leaves no folder behind', async () => {
    const out = join(root, 'nothing');
    const r = await run({ TESSERA_DATA_DIR: join(root, 'empty') }, 'backup', '--out', out);
    expect([r.code, r.stderr]).toEqual([
      1,
      `tessera backup: there is no workspace to back up in ${join(root, 'empty')}`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a folder that is not a backup', async () => {
    const folder = join(root, 'not-a-backup');
    mkdirSync(folder);
    const r = await run({ TESSERA_DATA_DIR: join(root, 't0') }, 'restore', folder);
    expect([r.code, r.stderr]).toEqual([
      1,
      `tessera restore: ${folder} is not a Tessera backup: it has no ${MANIFEST_FILE}`,
    ]);
  });

  it.each([
    ['broken JSON', '{', 'is not valid JSON'],
    [
      'another format',
      (m: Record<string, unknown>) => {
        m.format = 'zip';
      },
      '"format" must be "tessera-backup"',
    ],
    [
      'a newer format version',
      (m: Record<string, unknown>) => {
        m.formatVersion = 2;
      },
      'format version 2 was made by a newer Tessera; this one restores version 1',
    ],
    [
      'no format version',
      (m: Record<string, unknown>) => {
        delete m.formatVersion;
      },
      'unknown format version',
    ],
    [
      'an unknown dialect',
      (m: Record<string, unknown>) => {
        m.dialect = 'mysql';
      },
      '"dialect" must be',
    ],
    [
      'no workspaces',
      (m: Record<string, unknown>) => {
        m.workspaces = [];
      },
      'at least one workspace',
    ],
    [
      'a workspace name that is a path',
      (m: Record<string, unknown>) => {
        m.workspaces = ['../../etc'];
      },
      '"../../etc" is not a workspace name',
    ],
    [
      'a file name that is a path',
      (m: Record<string, unknown>) => {
        m.files = ['../outside'];
      },
      '"../outside" in "files" is not a plain file name',
    ],
    [
      'a workspace whose file is missing',
      (m: Record<string, unknown>) => {
        m.workspaces = ['default', 'ghost'];
      },
      'is incomplete: missing workspaces/ghost.sqlite',
    ],
  ])('refuses a manifest with %s, writing nothing', async (_, change, message) => {
    const r = await restoreWith(change);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.written).toEqual([]);
  });

  it('refuses a backup of the other dialect, saying how to restore it', async () => {
    const intoPostgres = await restoreWith(() => {}, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(intoPostgres.stderr).toBe(
      'tessera restore: the backup is of SQLite, the target is PostgreSQL: unset DATABASE_URL to restore into the data dir',
    );
    const dump = join(backup, 'workspaces', 'default.dump');
    writeFileSync(dump, '');
    const fromPostgres = await restoreWith((m) => {
      m.dialect = 'postgres';
    });
    rmSync(dump);
    expect(fromPostgres.stderr).toBe(
      'tessera restore: the backup is of PostgreSQL, the target is SQLite: set DATABASE_URL to the PostgreSQL database to restore into',
    );
    expect(fromPostgres.written).toEqual([]);
  });
});
