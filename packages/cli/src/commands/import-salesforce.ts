/**
 * `tessera import salesforce <sfdx project> --out <dir>`: Salesforce metadata → a Tessera package folder with
 * salesforce-map.json and the migration report; with --deploy, deployed on the workspace too (the package,
 * then the fields it adds to crm-core's objects). `tessera import` dispatches here.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import {
  convertProject,
  deployConversion,
  EXTENSION_DIR,
  MAP_FILE,
  REPORT_FILE,
  SalesforceError,
  writeConversion,
} from '@tessera/salesforce';
import { argsOrHelp, confirmed } from '../command.js';
import { CliError, EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { table } from '../text-table.js';
import { describeLocation, withWorkspace, workspaceEnv } from '../workspace-env.js';

export const usage = `Usage: tessera import salesforce <sfdx project> --out <package dir> [--name <package>]
                                 [--base <crm-core dir>] [--deploy] [--yes]

Reads a Salesforce project's metadata (source format: objects/, fields/, validationRules/, recordTypes/,
listViews/, layouts/, permissionsets/, objectTranslations/, globalValueSets/, standardValueSets/; or the
Metadata API's .object files) and writes a Tessera package that depends on crm-core:

  <dir>/tessera.package.json, objects/, layouts/, rules/, views/, permissions/   the package (tessera deploy)
  <dir>/${EXTENSION_DIR}/     fields and documents the package adds to crm-core's objects (--deploy applies them)
  <dir>/${MAP_FILE}     Salesforce names → Tessera names (tessera import salesforce-data reads it)
  <dir>/${REPORT_FILE}.md, .json   every item: mapped, approximated (how) or skipped (why)

Custom objects become the package's objects; Account, Contact, Lead, Opportunity, Product2 and Task land
on crm-core's objects. Every object gets a unique sf_id field for the records' Salesforce Ids.

Options:
  -o, --out <dir>          where to write (a new or empty folder, or an earlier conversion's)
      --name <package>     the package's name (default: sfdx-project.json's name, else the folder's)
      --base <dir>         the crm-core package folder (default: the one this tessera ships)
  -d, --deploy             deploy the result on the workspace (it must have crm-core installed)
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
    `Wrote package ${result.manifest.name} (${result.objects.length} objects, ${result.extension.objects.length} crm-core objects extended) to ${out}`,
  );
  io.out(`Report: ${join(out, `${REPORT_FILE}.md`)}`);
  if (!values.deploy) {
    io.out(`Deploy it with: tessera import salesforce ${positionals[0]} --out ${values.out} --deploy`);
    return EXIT.ok;
  }
  const env = workspaceEnv(io, values.workspace);
  if (
    !(await confirmed(
      io,
      values.yes,
      `Deploy ${result.manifest.name} on workspace "${env.workspace}" (${describeLocation(env)})?`,
    ))
  )
    return EXIT.failed;
  return withWorkspace(env, async (ws) => {
    const deployed = await deployConversion(ws, out, { author: author() }).catch((e) => {
      throw fromEngineError(asCliError(e));
    });
    if (deployed.packageVersion !== undefined)
      io.out(`Installed ${result.manifest.name}: metadata version ${deployed.packageVersion}.`);
    if (deployed.extensionVersion !== undefined)
      io.out(
        `Added the package's fields to crm-core's objects: metadata version ${deployed.extensionVersion}.`,
      );
    return EXIT.ok;
  });
}

function author(): string {
  try {
    return `${userInfo().username} (tessera import salesforce)`;
  } catch {
    return 'tessera import salesforce';
  }
}
