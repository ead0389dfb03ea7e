/**
 * Writes a conversion as a folder: a package `tessera deploy` installs in one step (manifest, objects/,
 * extensions/ with the fields it adds to crm-core's objects, layouts/, rules/, views/, permissions/), and
 * salesforce-map.json and the migration report beside it (files deploy does not read).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, NAMED_KINDS } from '@tessera/engine';
import type { ConversionResult } from './convert/convert-project.js';
import type { NamedDocument } from './convert/package-parts.js';
import { SalesforceError } from './errors.js';
import { reportMarkdown } from './report.js';
import { MAP_FILE } from './salesforce-map.js';

export const REPORT_FILE = 'migration-report';

/** Everything a conversion writes, so a new conversion into the same folder replaces the old one. */
const FOLDERS = [...new Set(NAMED_KINDS.map((k) => k.folder))];
const WRITTEN = ['objects', 'extensions', ...FOLDERS];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** One JSON file per document: `<dir>/<folder>/<name>.json`. */
async function writeFolder(dir: string, folder: string, files: readonly { name: string; doc: unknown }[]) {
  if (!files.length) return;
  await mkdir(join(dir, folder), { recursive: true });
  for (const { name, doc } of files) await writeFile(join(dir, folder, `${name}.json`), json(doc));
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
  await writeFolder(
    out,
    'objects',
    result.objects.map((doc) => ({ name: doc['x-tessera'].apiName, doc })),
  );
  await writeFolder(
    out,
    'extensions',
    result.extensions.map((ext) => ({ name: ext.object, doc: ext })),
  );
  const folderOf = (d: NamedDocument) => NAMED_KINDS.find((k) => k.kind === d.kind)?.folder;
  for (const folder of FOLDERS)
    await writeFolder(
      out,
      folder,
      result.documents.filter((d) => folderOf(d) === folder).map((doc) => ({ name: doc.apiName, doc })),
    );
  await writeFile(join(out, MAP_FILE), json(result.map));
  await writeFile(join(out, `${REPORT_FILE}.json`), json(result.report));
  await writeFile(join(out, `${REPORT_FILE}.md`), reportMarkdown(result.report));
}
