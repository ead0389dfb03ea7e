/** `tessera deploy <folder>`: shows the migration plan of a package, asks, applies it as a new metadata version. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installPackage, mergeDocuments, type PackageOptions, type Workspace } from '@tessera/engine';
import { APPLY_OPTIONS, type Command, confirmed } from '../command.js';
import { EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { type PackageFolder, packageFileOf, packageSource, readPackage } from '../package-folder.js';
import {
  describeLocation,
  mayExist,
  type WorkspaceEnv,
  withWorkspace,
  workspaceEnv,
} from '../workspace-env.js';

const usage = `Usage: tessera deploy <folder> [--yes] [--dry-run]

Deploys a package folder (tessera.package.json, objects/*.json, and extensions/*.json with the fields it
adds to its dependencies' objects) to the workspace: validates every
document, prints the migration plan, asks before applying it (on a terminal), then applies it in one
transaction as a new metadata version. Objects of the package are created or changed; objects it does
not mention are left alone.

Options:
  -y, --yes       apply without asking (needed when stdin is not a terminal)
  -n, --dry-run   print the plan, and check the seed data by loading it in a transaction that is
                  rolled back (every bad row is listed); nothing is changed
  -h, --help      show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

export function planLines(changes: readonly string[]): string[] {
  const width = String(changes.length).length;
  return changes.map((line, i) => `${String(i + 1).padStart(width)}. ${line}`);
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

/** What a deploy will do, before it does it. */
interface Planned {
  /** One line per change: the migration steps, then the other documents. */
  changes: readonly string[];
  version: number;
  /** Nothing to do: the workspace already matches. */
  unchanged: boolean;
  /** Lines after the plan: the kind of install, seed data. */
  notes: string[];
}

type ApplyOptions = Required<Pick<PackageOptions, 'baseVersion' | 'author' | 'onStep'>>;

interface Deployment {
  plan(): Promise<Planned>;
  /** Applies the plan made on `baseVersion`; answers the new metadata version and lines to print. */
  apply(options: ApplyOptions): Promise<{ version: number; notes: string[] }>;
}

/** A package: installed with its ownership recorded, upgraded by merging, seeded on first install. */
function packageDeployment(ws: Workspace, pkg: PackageFolder): Deployment {
  const source = packageSource(pkg);
  return {
    async plan() {
      const planned = await installPackage(ws, source, { dryRun: true });
      const what =
        planned.action === 'upgrade'
          ? `Upgrade from ${planned.previousVersion}`
          : planned.action === 'install'
            ? 'First install'
            : 'Same version as installed';
      return {
        changes: planned.changes,
        version: planned.metadataVersion,
        unchanged: planned.changes.length === 0,
        notes: [
          `${what}.`,
          ...Object.entries(planned.seeded).map(
            ([file, n]) => `Seed data: ${plural(n, 'record')} from ${file}`,
          ),
        ],
      };
    },
    async apply(options) {
      const result = await installPackage(ws, source, options);
      return {
        version: result.metadataVersion,
        notes: [
          ...Object.entries(result.seeded).map(([file, n]) => `Loaded ${plural(n, 'record')} from ${file}`),
          ...result.kept.map(
            (k) =>
              `Kept this workspace's ${k.kind.replace('_', ' ')} ${k.document}${k.pointer ? ` at ${k.pointer}` : ''}: the new version changes it too`,
          ),
        ],
      };
    },
  };
}

/** A folder pulled from this workspace (named after it): its own metadata, owned by no package. */
function snapshotDeployment(ws: Workspace, pkg: PackageFolder): Deployment {
  const documents = () => mergeDocuments(ws.model.documents, packageSource(pkg).documents);
  return {
    async plan() {
      const planned = await ws.deploy(documents(), { dryRun: true });
      return {
        changes: planned.changes,
        version: planned.version,
        unchanged: planned.changes.length === 0,
        notes: ["A folder named after the workspace: deployed as the workspace's own metadata."],
      };
    },
    async apply(options) {
      const message = `Deploy ${pkg.manifest.name} ${pkg.manifest.version}`;
      return { version: (await ws.deploy(documents(), { ...options, message })).version, notes: [] };
    },
  };
}

/** Plans, confirms and applies a package folder (or a folder pulled from the workspace). */
export async function deployPackage(
  pkg: PackageFolder,
  env: WorkspaceEnv,
  options: { yes: boolean; dryRun: boolean },
  io: Io,
) {
  const { name, version } = pkg.manifest;
  const mayApply = !options.dryRun && (options.yes || io.interactive);
  const target = await planEnv(env, !mayApply);
  const fileOf = packageFileOf(pkg);
  const engineError = (e: unknown) => {
    throw fromEngineError(e, fileOf);
  };
  try {
    return await withWorkspace(target.env, async (ws) => {
      const deployment = name === env.workspace ? snapshotDeployment(ws, pkg) : packageDeployment(ws, pkg);
      const planned = await deployment.plan().catch(engineError);
      io.err(
        `Package ${name} ${version} → workspace "${env.workspace}" (${describeLocation(env)}), metadata version ${planned.version}`,
      );
      if (planned.unchanged) {
        io.out(
          `No changes: the workspace already matches ${name} ${version} (metadata version ${planned.version}).`,
        );
        return EXIT.ok;
      }
      const { changes } = planned;
      io.out(`Plan (${plural(changes.length, 'change')}):`);
      for (const line of planLines(changes)) io.out(line);
      for (const line of planned.notes) io.out(line);
      if (options.dryRun) {
        io.err('Dry run: nothing was changed.');
        return EXIT.ok;
      }
      if (!(await confirmed(io, options.yes, `Apply ${name} ${version} to workspace "${env.workspace}"?`)))
        return EXIT.failed;
      io.err(`Applying ${plural(changes.length, 'change')}…`);
      const result = await deployment
        .apply({
          // Someone else's change since the plan was shown makes this a conflict, never a different plan.
          baseVersion: planned.version,
          author: author(),
          // Progress on long work: a line as each step starts (a type change on a big table takes a while).
          onStep: (step, index) => io.err(`  [${index + 1}/${changes.length}] ${step.description}`),
        })
        .catch(engineError);
      for (const line of result.notes) io.out(line);
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
      options: APPLY_OPTIONS,
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
