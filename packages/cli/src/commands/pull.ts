/**
 * `tessera pull <folder>`: writes the workspace's metadata as a package folder, one file per object with its
 * stable ids, so `tessera deploy <folder>` takes it back unchanged and a rename made in the files keeps data.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE, NAMED_KINDS, namedDocuments } from '@tessera/engine';
import { type Command, positionalsOrHelp } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { folderSummary } from '../package-folder.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera pull <folder>

Writes the workspace's metadata into <folder> as a package, one file per document, named after its API name:
${folderSummary()}
and tessera.package.json if the folder has none, named after the workspace. Files of documents no longer in the
workspace are removed. tessera deploy <folder> takes the result back unchanged: a folder named after the
workspace deploys as the workspace's own metadata, owned by no package.

Options:
  -h, --help  show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

/** Stable, diff-friendly JSON: two-space indent and a final newline, as people write package files. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** One file per document, named after its API name; files of documents no longer there are removed. */
async function writeFolder(folder: string, documents: readonly (readonly [string, unknown])[]) {
  await mkdir(folder, { recursive: true });
  const keep = new Set(documents.map(([name]) => `${name}.json`));
  for (const file of await readdir(folder))
    if (file.endsWith('.json') && !keep.has(file)) await rm(join(folder, file));
  for (const [name, doc] of documents) await writeFile(join(folder, `${name}.json`), json(doc));
}

export const pull: Command = {
  name: 'pull',
  summary: 'write the workspace metadata into a package folder',
  usage,
  async run(args, io) {
    const positionals = positionalsOrHelp(args, usage, io);
    if (!positionals) return EXIT.ok;
    if (positionals.length !== 1) throw new UsageError('name one folder to write into');
    const env = workspaceEnv(io);
    if (!mayExist(env))
      throw new CliError(`workspace "${env.workspace}" does not exist yet (${describeLocation(env)})`);
    const { documents, version } = await withWorkspace(env, async (ws) => ({
      documents: ws.model.documents,
      version: ws.model.version,
    }));
    const { objects } = documents;
    const dir = resolve(io.cwd, positionals[0] as string);
    await writeFolder(
      join(dir, 'objects'),
      objects.map((d) => [d['x-tessera'].apiName, d]),
    );
    for (const folder of new Set(NAMED_KINDS.map((k) => k.folder))) {
      const docs = NAMED_KINDS.filter((k) => k.folder === folder).flatMap((k) =>
        namedDocuments(documents, k.key),
      );
      if (docs.length || existsSync(join(dir, folder)))
        await writeFolder(
          join(dir, folder),
          docs.map((d) => [d.apiName, d]),
        );
    }
    const manifest = join(dir, MANIFEST_FILE);
    // An existing manifest is the package author's: pulling never rewrites it.
    if (!existsSync(manifest))
      await writeFile(manifest, json({ name: env.workspace, version: `0.${version}.0`, dependencies: {} }));
    io.out(
      `Wrote ${objects.length} object${objects.length === 1 ? '' : 's'} (metadata version ${version}) to ${dir}`,
    );
    return EXIT.ok;
  },
};
