/**
 * The typed client as docs/api.md shows it: its code block, read from the page itself so the two cannot drift,
 * type-checked by tsc as a Node.js program would be (the package's built JavaScript and declarations, through its
 * `exports`) against types generated from the field-service template, then run against a real server.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { installPackage, Workspace } from '@tessera/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageSource, readPackage } from '../packages/cli/src/package-folder.js';
import { serveForTest, type TestApi } from '../runtime/test/server.js';

const run = promisify(execFile);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const EXAMPLES = join(HERE, '../examples');
const DIR = join(HERE, '.generated', 'docs-example');
const example = () => typedClientExample(readFileSync(join(HERE, '../docs/api.md'), 'utf8'));

/** tsc over one file as a Node.js project compiles it; `out/` gets the JavaScript unless `noEmit`. */
async function compile(file: string, noEmit = false) {
  const config = join(DIR, `tsconfig.${file}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        types: ['node'],
        skipLibCheck: true,
        outDir: 'out',
        noEmit,
      },
      files: [file],
    }),
  );
  const result = await run(process.execPath, [TSC, '-p', config]).catch((e) => e);
  return `${result.stdout}${result.stderr}`;
}

/** The first TypeScript block under the page's "Typed client" heading. */
function typedClientExample(markdown: string): string {
  const section = markdown.slice(markdown.indexOf('## Typed client'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('docs/api.md has no TypeScript example under "## Typed client"');
  return block;
}

describe('the typed client example of docs/api.md', () => {
  let ws: Workspace;
  let api: TestApi;
  let token: string;
  let userId: string;
  let compiled: string;

  beforeAll(async () => {
    ws = await Workspace.open({
      dataDir: mkdtempSync(join(tmpdir(), 'tessera-docs-client-')),
      workspace: 'docs',
    });
    // The template's objects without its sample records: the example must work on an empty workspace too.
    for (const name of ['crm-core', 'field-service']) {
      const { data: _seed, ...source } = packageSource(await readPackage(join(EXAMPLES, name)));
      await installPackage(ws, source);
    }
    api = await serveForTest(ws);
    const user = await api.call('POST', '/api/v1/users', {
      email: 'dev@example.com',
      password: 'correct horse battery',
      admin: true,
    });
    userId = user.body.data.id;
    token = (await api.call('POST', '/api/v1/tokens', { name: 'docs', userId })).body.data.token;
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(DIR, 'tessera-types.ts'), await ws.model.typescript());
    writeFileSync(join(DIR, 'example.ts'), example());
    compiled = await compile('example.ts');
  });
  afterAll(async () => {
    await api.server.close();
    rmSync(DIR, { recursive: true, force: true });
  });

  const runExample = (token: string) =>
    run(process.execPath, [join(DIR, 'out', 'example.js')], {
      env: { ...process.env, TESSERA_URL: api.server.url, TESSERA_TOKEN: token },
    }).catch((e) => e);

  it('compiles as written, with the package resolved as Node.js resolves it, and runs', async () => {
    expect(compiled).toBe('');
    const ran = await runExample(token);
    expect(ran.stderr).toBe('');
    const lines = ran.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^created Pump 7 \([0-9a-f-]{36}\)$/);
    expect(lines.slice(1)).toEqual(['SN-7 Pump 7']);

    const assets = await api.call('GET', '/api/v1/data/equipment_asset');
    expect(assets.body.data).toHaveLength(1);
    expect(assets.body.data[0]).toMatchObject({ serial_no: 'SN-7', owner_id: userId, created_by: userId });
    const customer = await api.call('GET', `/api/v1/data/account/${assets.body.data[0].customer_id}`);
    expect(customer.body.data).toMatchObject({ name: 'Northwind Foods', type: 'customer' });
  });

  it('does not compile without the customer the asset needs, and a refused call ends the program', async () => {
    const without = example().replace(/\n\s*customer_id: customer\.id,/, '');
    expect(without).not.toBe(example());
    writeFileSync(join(DIR, 'without-customer.ts'), without);
    expect(await compile('without-customer.ts', true)).toContain("Property 'customer_id' is missing");

    const refused = await runExample('');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('TesseraApiError: 401 Unauthorized');
  });
});
