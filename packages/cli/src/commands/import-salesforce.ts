/**
 * `tessera import salesforce <sfdx project> --out <dir>`: Salesforce metadata → a Tessera package folder with
 * salesforce-map.json and the migration report; with --deploy, deployed on the workspace too, as
 * `tessera deploy <dir>` would. `tessera import` dispatches here.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convertProject, MAP_FILE, REPORT_FILE, SalesforceError, writeConversion } from '@tessera/salesforce';
import { argsOrHelp } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { readPackage } from '../package-folder.js';
import { table } from '../text-table.js';
import { workspaceEnv } from '../workspace-env.js';
import { deployPackage } from './deploy.js';

export const usage = `Usage: tessera import salesforce <sfdx project> --out <package dir> [--name <package>]
                                 [--base <crm-core dir>] [--deploy] [--yes]

Reads a Salesforce project's metadata (source format: objects/, fields/, validationRules/, recordTypes/,
listViews/, layouts/, permissionsets/, objectTranslations/, globalValueSets/, standardValueSets/; or the
Metadata API's .object files) and writes a Tessera package that depends on crm-core:

  <dir>/tessera.package.json, objects/, layouts/, rules/, views/, permissions/   the package (tessera deploy)
  <dir>/extensions/    the fields it adds to crm-core's objects (installed with it, owned by it)
  <dir>/${MAP_FILE}     Salesforce names → Tessera names (tessera import salesforce-data reads it)
  <dir>/${REPORT_FILE}.md, .json   every item: mapped, approximated (how) or skipped (why)

Custom objects become the package's objects; Account, Contact, Lead, Opportunity, Product2 and Task land
on crm-core's objects. Every object gets a unique sf_id field for the records' Salesforce Ids.

Options:
  -o, --out <dir>          where to write (a new or empty folder, or an earlier conversion's)
      --name <package>     the package's name (default: sfdx-project.json's name, else the folder's)
      --base <dir>         the crm-core package folder (default: the one this tessera ships)
  -d, --deploy             deploy the result on the workspace as tessera deploy does (crm-core must be installed)
  -y, --yes                deploy without asking (needed when stdin is not a terminal)
  -w, --workspace <name>   the workspace to deploy on (default: TESSERA_WORKSPACE, else "default")
  -h, --help               show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  name: { type: 'string' },
  base: { type: 'string' },
  deploy: { type: 'boolean', short: 'd', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  workspace: { type: 'string', short: 'w' },
} as const;

const asCliError = (e: unknown) => (e instanceof SalesforceError ? new CliError(e.message) : e);

export async function runImportSalesforce(args: string[], io: Io): Promise<number> {
  const parsed = argsOrHelp(args, OPTIONS, usage, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? 'give one Salesforce project folder' : 'which Salesforce project folder?',
    );
  if (!values.out) throw new UsageError('where should the package go? give --out <dir>');
  // Asked before anything is written: a script without --yes would otherwise leave a folder and no deploy.
  if (values.deploy && !values.yes && !io.interactive)
    throw new UsageError('nothing was written: stdin is not a terminal, so pass --yes to deploy');
  const project = resolve(io.cwd, positionals[0] as string);
  const out = resolve(io.cwd, values.out);
  const base = values.base ? resolve(io.cwd, values.base) : undefined;
  if (base && !existsSync(base))
    throw new CliError(`${base} does not exist: give the crm-core package folder`);
  io.err(`Reading ${project}…`);
  const result = await convertProject(project, {
    ...(values.name ? { name: values.name } : {}),
    ...(base ? { baseDir: base } : {}),
  }).catch((e) => {
    throw asCliError(e);
  });
  await writeConversion(result, out).catch((e) => {
    throw asCliError(e);
  });
  const rows = Object.entries(result.report.counts).map(([kind, c]) => [
    kind,
    String(c.mapped),
    String(c.approximated),
    String(c.skipped),
  ]);
  for (const line of table([['', 'mapped', 'approximated', 'skipped'], ...rows])) io.out(line);
  io.out(
    `Wrote package ${result.manifest.name} (${result.objects.length} objects, ${result.extensions.length} crm-core objects extended) to ${out}`,
  );
  io.out(`Report: ${join(out, `${REPORT_FILE}.md`)}`);
  for (const problem of result.report.problems) io.err(`warning: the engine would refuse ${problem}`);
  if (!values.deploy) {
    io.out(`Deploy it with: tessera deploy ${values.out}`);
    return EXIT.ok;
  }
  return deployPackage(
    await readPackage(out),
    workspaceEnv(io, values.workspace),
    { yes: values.yes, dryRun: false },
    io,
  );
}
