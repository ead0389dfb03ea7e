/**
 * The `tessera` command as a process (`node packages/cli/bin/tessera.js`), for what only a process shows: the bin
 * starts, its exit code is the command's, stdin that is not a terminal, `tessera start` serving until SIGTERM
 * and logging JSON lines to a stderr that is not a terminal. Every other behaviour is tested in this process
 * (cli.test.ts and the other CLI tests), which is many times quicker.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLE, ROOT, tessera, tesseraHere } from '../test/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-bin-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of a process on the SQLite workspaces of `dataDir`, with `extra`. */
function envOf(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TESSERA_DATA_DIR: dataDir, ...extra };
  for (const name of ['DATABASE_URL', 'TESSERA_WORKSPACE', 'LOG_LEVEL', 'TESSERA_ADMIN_TOKEN'])
    if (!(name in extra)) delete env[name];
  return env;
}

/** `tessera start` in a child process, once its banner is out: its base URL, output so far, and a graceful stop. */
async function startTessera(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /API docs {2}(http:\/\/\S+)\/docs\n/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${stdout}${stderr}`)));
  });
  return {
    base,
    stdout,
    stderr: () => stderr,
    stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('the tessera process', () => {
  it('deploy without --yes, with stdin not a terminal, refuses with exit code 2 and changes nothing', async () => {
    const data = join(dir, 'refused');
    const r = await tessera(envOf(data), 'deploy', EXAMPLE);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('1. Create object "account"');
    expect(r.stderr).toContain('pass --yes');
    expect(existsSync(join(data, 'default.sqlite'))).toBe(false);
  });

  it('start prints what is there, the studio URL first, serves the API with the admin token, and stops gracefully on SIGTERM', async () => {
    const data = join(dir, 'served');
    expect((await tesseraHere({ TESSERA_DATA_DIR: data }, 'deploy', EXAMPLE, '--yes')).code).toBe(0);
    const started = await startTessera(envOf(data, { PORT: '0', TESSERA_ADMIN_TOKEN: 'cli-test' }));
    const { stdout, base } = started;
    expect(stdout).toContain('metadata version 1');
    expect(stdout).toContain(`SQLite file ${join(data, 'default.sqlite')}`);
    expect(stdout).toMatch(/equipment_asset\s+Equipment Asset\s+7\s+2/);
    // The studio first (a browser opened at the API URL gets a 401 JSON page), then the API and its docs.
    expect(stdout).toContain(
      `Tessera is ready (Ctrl-C to stop):\n  Studio    ${base}/  (sign in to workspace "default")\n  API       ${base}/api/v1\n  API docs  ${base}/docs\n`,
    );
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    const denied = await fetch(`${base}/api/v1/data/account`);
    expect(denied.status).toBe(401);
    const listed = await fetch(`${base}/api/v1/data/account?sort=name&fields=name`, {
      headers: { authorization: 'Bearer cli-test' },
    });
    const body = (await listed.json()) as { data: { name: string }[] };
    expect(body.data.map((a) => a.name)).toEqual(['Northwind Traders', '上海重工机械有限公司']);
    expect(await started.stop()).toBe(0);
    // stderr is not a terminal here: every log line is JSON, every request one line of it.
    const logs = started
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(logs.find((l) => l.message === 'listening')).toMatchObject({ level: 'info', url: base });
    expect(logs.filter((l) => l.message === 'request').map((l) => [l.level, l.path, l.status])).toEqual([
      ['debug', '/api/v1/health', 200],
      ['debug', '/api/v1/data/account', 401],
      ['debug', '/api/v1/data/account', 200],
    ]);
    expect(started.stderr()).toContain('SIGTERM: finishing requests in flight…');
  });
});
