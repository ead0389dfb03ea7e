/** `tessera types --out <file>`: TypeScript declarations of every object's record, create and update shapes. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera types [--out <file>]

Writes TypeScript declarations generated from the workspace's metadata: for each object, the record as
read (Account), the body of a create (AccountCreate) and of an update (AccountUpdate), and TesseraObjects,
which maps API names to the three. Without --out the declarations go to stdout.

Options:
  -o, --out <file>  the .ts file to write (folders are created)
  -h, --help        show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

export const types: Command = {
  name: 'types',
  summary: 'generate TypeScript types of the workspace objects',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      io.out(usage);
      return EXIT.ok;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.out === '') throw new UsageError('--out needs a file name');
    const env = workspaceEnv(io);
    const noObjects = () =>
      new CliError(
        `workspace "${env.workspace}" has no objects yet (${describeLocation(env)}): nothing to generate types from`,
        ['deploy a package first, e.g. tessera deploy examples/crm-core'],
      );
    // Asking for types never creates a workspace.
    if (!mayExist(env)) throw noObjects();
    const { source, count, version } = await withWorkspace(env, async (ws) => ({
      source: await ws.model.typescript(),
      count: ws.model.objects.size,
      version: ws.model.version,
    }));
    if (count === 0) throw noObjects();
    if (values.out === undefined) {
      io.out(source.trimEnd());
      return EXIT.ok;
    }
    const file = resolve(io.cwd, values.out);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, source);
    io.out(
      `Wrote the types of ${count} object${count === 1 ? '' : 's'} (metadata version ${version}) to ${file}`,
    );
    return EXIT.ok;
  },
};
