/**
 * Writes a conversion as a folder: a package `tessera deploy` reads (manifest, objects/, layouts/, rules/,
 * views/, permissions/), `extension/` (stage 2, which deploy leaves alone), and salesforce-map.json and the
 * migration report beside them (files deploy does not read).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '@tessera/engine';
import type { ConversionResult } from './convert/convert-project.js';
import type { NamedDocument } from './convert/stages.js';
import { SalesforceError } from './errors.js';
import { reportMarkdown } from './report.js';
import { MAP_FILE } from './salesforce-map.js';

export const EXTENSION_DIR = 'extension';
export const REPORT_FILE = 'migration-report';

/** The folder of each kind of document, as package folders have them. */
export const KIND_FOLDERS: Record<NamedDocument['kind'], string> = {
  validation_rule: 'rules',
  layout: 'layouts',
  list_view: 'views',
  permission_set: 'permissions',
};

/** Everything a conversion writes, so a new conversion into the same folder replaces the old one. */
const WRITTEN = ['objects', ...new Set(Object.values(KIND_FOLDERS)), EXTENSION_DIR];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function writeDocuments(
  dir: string,
  objects: { name: string; doc: unknown }[],
  documents: NamedDocument[],
) {
  for (const { name, doc } of objects) {
    await mkdir(join(dir, 'objects'), { recursive: true });
    await writeFile(join(dir, 'objects', `${name}.json`), json(doc));
  }
  for (const d of documents) {
    const folder = join(dir, KIND_FOLDERS[d.kind]);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${d.apiName}.json`), json(d));
  }
}

/** Refuses a folder that holds something else than an earlier conversion: nothing of a person's is overwritten. */
async function prepareOutput(out: string): Promise<void> {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory())
      throw new SalesforceError('bad_output', `${out} is a file: give a folder to write the package in`);
    const entries = await readdir(out);
    if (entries.length && !entries.includes(MAP_FILE))
      throw new SalesforceError(
        'bad_output',
        `${out} is not empty and holds no earlier conversion (${MAP_FILE}): give a new or empty folder`,
      );
    for (const name of WRITTEN) await rm(join(out, name), { recursive: true, force: true });
  }
  await mkdir(out, { recursive: true });
}

export async function writeConversion(result: ConversionResult, out: string): Promise<void> {
  await prepareOutput(out);
  await writeFile(join(out, MANIFEST_FILE), json(result.manifest));
  await writeDocuments(
    out,
    result.objects.map((doc) => ({ name: doc['x-tessera'].apiName, doc })),
    result.documents,
  );
  await writeDocuments(
    join(out, EXTENSION_DIR),
    result.extension.objects.map((ext) => ({ name: ext.object, doc: ext })),
    result.extension.documents,
  );
  await writeFile(join(out, MAP_FILE), json(result.map));
  await writeFile(join(out, `${REPORT_FILE}.json`), json(result.report));
  await writeFile(join(out, `${REPORT_FILE}.md`), reportMarkdown(result.report));
}
