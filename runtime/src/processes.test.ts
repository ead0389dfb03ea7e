import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../../engine/test/dialects.js';
import { TOKEN } from '../test/server.js';

const SCRIPT = fileURLToPath(new URL('../test/serve-process.ts', import.meta.url));
const WORKSPACE = `procs_${process.pid}`;

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const available = await postgresUp();
if (!available && process.env.CI === 'true')
  throw new Error(`PostgreSQL at ${POSTGRES_URL} is needed under CI`);

function serve(children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, POSTGRES_URL, WORKSPACE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', (code) => reject(new Error(`runtime process exited with ${code}`)));
  });
}

const call = async (url: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
};

(available ? describe : describe.skip)('two runtime processes on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`drop schema if exists "ws_${WORKSPACE}" cascade`);
    await client.end();
  });

  it('serves through one a field added through the other, within a second', async () => {
    const a = await serve(children);
    const created = await call(a, 'PUT', '/api/v1/meta/objects/machine', {
      type: 'object',
      'x-tessera': { apiName: 'machine', nameField: 'name' },
      properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } },
    });
    expect(created.status).toBe(201);
    const b = await serve(children);
    const added = await call(a, 'POST', '/api/v1/meta/objects/machine/fields', {
      apiName: 'serial',
      schema: { type: 'string', maxLength: 4, 'x-tessera': { field: 'text' } },
    });
    expect(added.status).toBe(201);
    const started = Date.now();
    const written = await call(b, 'POST', '/api/v1/data/machine', { name: 'Press', serial: 'S-01' });
    expect(written.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      (await call(b, 'POST', '/api/v1/data/machine', { name: 'Press', serial: 'TOO-LONG' })).status,
    ).toBe(422);
    const listed = (await call(a, 'GET', '/api/v1/data/machine?count=true')).body as {
      page: { total: number };
    };
    expect(listed.page.total).toBe(1);
  });
});
