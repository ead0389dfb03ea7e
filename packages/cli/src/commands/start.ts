/**
 * `tessera start`: opens the default workspace, installs the example templates into a new one, and prints
 * what is there. The HTTP API and the studio come with the runtime (issue 4); until then it exits.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { LocalizedText, Workspace } from '@tessera/engine';
import type { Command } from '../command.js';
import { EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { findPackages, inDependencyOrder, mergePackage, readPackage } from '../package-folder.js';
import { EXAMPLES_DIR } from '../paths.js';
import { describeLocation, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera start

Opens the workspace "default" (created if needed). On first start, when it has no objects, every example
template under examples/ is deployed into it. Then prints its objects with their field and record counts,
and where the data lives.

The HTTP API and the studio come with the runtime (issue 4); until then tessera start prepares the
workspace and exits.

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

async function installExamples(ws: Workspace, io: Io): Promise<string[]> {
  const folders = await findPackages(EXAMPLES_DIR);
  const packages = inDependencyOrder(await Promise.all(folders.map(readPackage)));
  const installed: string[] = [];
  for (const pkg of packages) {
    const { name, version } = pkg.manifest;
    for (const w of pkg.warnings) io.err(`warning: ${w}`);
    io.err(`Installing example template ${name} ${version}…`);
    const merged = mergePackage(ws.model.documents, pkg);
    await ws
      .deploy(merged.documents, {
        author: 'tessera start',
        message: `Install example template ${name} ${version}`,
      })
      .catch((e) => {
        throw fromEngineError(e, merged.fileOf);
      });
    installed.push(`${name} ${version}`);
  }
  return installed;
}

async function countRecords(ws: Workspace, table: string): Promise<number> {
  const row = await ws.storage.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const english = (text: LocalizedText | undefined) => text?.en ?? Object.values(text ?? {})[0];

/** Left-aligned columns, two spaces apart. */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

export const start: Command = {
  name: 'start',
  summary: 'prepare the default workspace (installs the examples on first start)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      io.out(usage);
      return EXIT.ok;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const env = workspaceEnv(io);
    io.err(`Opening workspace "${env.workspace}" (${describeLocation(env)})…`);
    return withWorkspace(env, async (ws) => {
      const firstStart = ws.model.objects.size === 0;
      const installed = firstStart ? await installExamples(ws, io) : [];
      const model = ws.model;
      const rows = [['object', 'label', 'fields', 'records']];
      for (const object of model.objects.values()) {
        const o = object.document['x-tessera'];
        rows.push([
          object.apiName,
          english(o.label) ?? object.document.title ?? '',
          String(object.fields.size),
          String(await countRecords(ws, object.apiName)),
        ]);
      }
      io.out(`Tessera workspace "${env.workspace}" — metadata version ${model.version}`);
      io.out(`Data: ${describeLocation(env)}`);
      if (firstStart)
        io.out(
          installed.length
            ? `Installed example templates: ${installed.join(', ')}`
            : `No example templates found under ${relative(io.cwd, EXAMPLES_DIR) || EXAMPLES_DIR}`,
        );
      io.out('');
      if (model.objects.size) for (const line of table(rows)) io.out(`  ${line}`);
      else io.out('  (no objects yet: deploy a package with tessera deploy <folder>)');
      io.out('');
      io.out(
        'The HTTP API and the studio come with the runtime (issue 4); until then tessera start prepares',
      );
      io.out('the workspace and exits. Next: tessera types --out <file>, tessera deploy <folder>');
      io.out('(pnpm tessera … in this repository).');
      return EXIT.ok;
    });
  },
};
