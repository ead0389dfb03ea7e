/**
 * `tessera pull <folder>`: writes the workspace's metadata as a package folder, one file per object with its
 * stable ids, so `tessera deploy <folder>` takes it back unchanged and a rename made in the files keeps data.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, positionalsOrHelp } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { MANIFEST } from '../package-folder.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera pull <folder>

Writes the workspace's object definitions into <folder> as a package (CONTRACT §3.3): objects/<name>.json,
one per object, with their stable ids, and tessera.package.json if the folder has none. Object files that
are no longer in the workspace are removed from objects/. tessera deploy <folder> takes the result back
unchanged.

Options:
  -h, --help  show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

/** Stable, diff-friendly JSON: two-space indent and a final newline, as people write package files. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

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
    const { objects, version } = await withWorkspace(env, async (ws) => ({
      objects: ws.model.documents.objects,
      version: ws.model.version,
    }));
    const dir = resolve(io.cwd, positionals[0] as string);
    const objectsDir = join(dir, 'objects');
    await mkdir(objectsDir, { recursive: true });
    const keep = new Set(objects.map((d) => `${d['x-tessera'].apiName}.json`));
    for (const file of await readdir(objectsDir))
      if (file.endsWith('.json') && !keep.has(file)) await rm(join(objectsDir, file));
    for (const doc of objects)
      await writeFile(join(objectsDir, `${doc['x-tessera'].apiName}.json`), json(doc));
    const manifest = join(dir, MANIFEST);
    // An existing manifest is the package author's: pulling never rewrites it.
    if (!existsSync(manifest))
      await writeFile(manifest, json({ name: env.workspace, version: `0.${version}.0`, dependencies: {} }));
    io.out(
      `Wrote ${objects.length} object${objects.length === 1 ? '' : 's'} (metadata version ${version}) to ${dir}`,
    );
    return EXIT.ok;
  },
};
