/**
 * What the product says about itself — docs, help texts, the OpenAPI document, the published meta-schemas —
 * stands on its own: it explains things in its own words and never cites documents that do not ship with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@tessera/cli';
import { compileModel, NAMED_KINDS } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import { object, set, text } from '../engine/test/documents.js';
import { buildOpenApi } from '../runtime/src/openapi/build-openapi.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The project's own contract is a working document of its makers, not part of what users get. */
const CITATION = /CONTRACT|§/;

const files = (dir: string, ending: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(ending))
    .map((f) => join(dir, f));

/** Runs `tessera <args>` in this process; answers what it printed on stdout. */
async function tessera(...args: string[]): Promise<string> {
  const out: string[] = [];
  const io = {
    out: (line: string) => out.push(line),
    err: (line: string) => out.push(line),
    interactive: false,
    errIsTerminal: false,
    confirm: async () => false,
    env: {},
    cwd: ROOT,
  };
  expect(await main(args, io)).toBe(0);
  return out.join('\n');
}

describe('product text', () => {
  it('docs, READMEs and meta-schemas cite no outside document', () => {
    const examples = readdirSync(join(ROOT, 'examples')).map((e) => join('examples', e, 'README.md'));
    const paths = ['README.md', ...files('docs', '.md'), ...files('engine/schemas', '.json'), ...examples];
    const citing = paths.filter((p) => CITATION.test(readFileSync(join(ROOT, p), 'utf8')));
    expect(citing).toEqual([]);
  });

  it('the OpenAPI document cites no outside document', () => {
    const model = compileModel(set(object('lead', { name: text() })), 1);
    expect(JSON.stringify(buildOpenApi(model))).not.toMatch(CITATION);
  });

  it('no command’s help cites an outside document, and pull names every folder it writes', async () => {
    const overview = await tessera('help');
    const names = [...overview.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1] as string);
    expect(names).toContain('users');
    for (const name of names) expect(await tessera('help', name), name).not.toMatch(CITATION);
    const pull = await tessera('help', 'pull');
    for (const folder of new Set(['objects', ...NAMED_KINDS.map((k) => k.folder)]))
      expect(pull).toContain(`${folder}/<name>.json`);
  });
});
