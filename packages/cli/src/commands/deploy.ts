/** `tessera deploy <folder>`: shows the migration plan of a package, asks, applies it as a new metadata version. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MigrationStep } from '@tessera/engine';
import type { Command } from '../command.js';
import { EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { mergePackage, type PackageFolder, readPackage } from '../package-folder.js';
import {
  describeLocation,
  mayExist,
  type WorkspaceEnv,
  withWorkspace,
  workspaceEnv,
} from '../workspace-env.js';

const usage = `Usage: tessera deploy <folder> [--yes] [--dry-run]

Deploys a package folder (tessera.package.json and objects/*.json) to the workspace: validates every
document, prints the migration plan, asks before applying it (on a terminal), then applies it in one
transaction as a new metadata version. Objects of the package are created or changed; objects it does
not mention are left alone.

Options:
  -y, --yes       apply without asking (needed when stdin is not a terminal)
  -n, --dry-run   print the plan only; nothing is changed
  -h, --help      show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

export function planLines(steps: readonly MigrationStep[]): string[] {
  const width = String(steps.length).length;
  return steps.map((s, i) => `${String(i + 1).padStart(width)}. ${s.description}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function author(): string {
  try {
    return `${userInfo().username} (tessera deploy)`;
  } catch {
    return 'tessera deploy';
  }
}

/** Planning only, on a workspace that does not exist yet: plan against an empty one, and create nothing. */
async function planEnv(
  env: WorkspaceEnv,
  planOnly: boolean,
): Promise<{ env: WorkspaceEnv; cleanup?: () => Promise<void> }> {
  if (!planOnly || mayExist(env)) return { env };
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-plan-'));
  return { env: { ...env, dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

async function deployPackage(
  pkg: PackageFolder,
  env: WorkspaceEnv,
  options: { yes: boolean; dryRun: boolean },
  io: Io,
) {
  const { name, version } = pkg.manifest;
  const mayApply = !options.dryRun && (options.yes || io.interactive);
  const target = await planEnv(env, !mayApply);
  try {
    return await withWorkspace(target.env, async (ws) => {
      const merged = mergePackage(ws.model.documents, pkg);
      const planned = await ws.deploy(merged.documents, { dryRun: true }).catch((e) => {
        throw fromEngineError(e, merged.fileOf);
      });
      const steps = planned.plan.steps;
      io.err(
        `Package ${name} ${version} → workspace "${env.workspace}" (${describeLocation(env)}), metadata version ${planned.version}`,
      );
      if (steps.length === 0) {
        io.out(
          `No changes: the workspace already matches ${name} ${version} (metadata version ${planned.version}).`,
        );
        return EXIT.ok;
      }
      io.out(`Plan (${plural(steps.length, 'step')}):`);
      for (const line of planLines(steps)) io.out(line);
      if (options.dryRun) {
        io.err('Dry run: nothing was changed.');
        return EXIT.ok;
      }
      if (!mayApply)
        throw new UsageError(
          'nothing was changed: stdin is not a terminal, so pass --yes to apply (or --dry-run)',
        );
      if (!options.yes) {
        if (
          !(await io.confirm(
            `Apply ${plural(steps.length, 'change')} to workspace "${env.workspace}"? [y/N] `,
          ))
        ) {
          io.err('Cancelled: nothing was changed.');
          return EXIT.failed;
        }
      }
      io.err(`Applying ${plural(steps.length, 'change')}…`);
      const result = await ws
        .deploy(merged.documents, {
          // Someone else's change since the plan was shown makes this a conflict, never a different plan.
          baseVersion: planned.plan.baseVersion,
          author: author(),
          // Progress on long work: a line as each step starts (a type change on a big table takes a while).
          onStep: (step, index) => io.err(`  [${index + 1}/${steps.length}] ${step.description}`),
          message: `Deploy package ${name} ${version}`,
        })
        .catch((e) => {
          throw fromEngineError(e, merged.fileOf);
        });
      io.out(
        `Deployed ${name} ${version}: workspace "${env.workspace}" is now at metadata version ${result.version}.`,
      );
      return EXIT.ok;
    });
  } finally {
    await target.cleanup?.();
  }
}

export const deploy: Command = {
  name: 'deploy',
  summary: 'deploy a package folder (plan, confirm, apply)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        yes: { type: 'boolean', short: 'y', default: false },
        'dry-run': { type: 'boolean', short: 'n', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(usage);
      return EXIT.ok;
    }
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? 'give one package folder' : 'which package folder?');
    const pkg = await readPackage(resolve(io.cwd, positionals[0] as string));
    for (const w of pkg.warnings) io.err(`warning: ${w}`);
    return deployPackage(pkg, workspaceEnv(io), { yes: values.yes, dryRun: values['dry-run'] }, io);
  },
};
