/**
 * Installs, upgrades and uninstalls packages in a workspace. Each is one deploy: the metadata, the package
 * record and (on first install) the seed data land in one transaction as one metadata version, or nothing does.
 */
import { TesseraError } from '../errors.js';
import type { DocumentSet, PackageRecord } from '../metadata/types.js';
import type { MigrationPlan } from '../migrate/steps.js';
import { getOrCreate } from '../util/get-or-create.js';
import type { DeployOptions, DeployTransaction, Workspace } from '../workspace.js';
import { loadSeedData } from './load-seed-data.js';
import {
  type CustomizationKept,
  type InstallAction,
  type PackageSource,
  planInstall,
} from './plan-install.js';
import { installedPackage, planUninstall } from './plan-uninstall.js';

export interface PackageOptions {
  dryRun?: boolean;
  author?: string;
  /** The metadata version the request was prepared against; a different head is a conflict. */
  baseVersion?: number;
  /** Progress: called before each migration step runs. */
  onStep?: DeployOptions['onStep'];
  /** The user who owns the seed records (and is their creator); none: records of nobody, like the platform's own. */
  owner?: string;
}

export interface InstallResult {
  name: string;
  version: string;
  action: InstallAction;
  previousVersion?: string;
  plan: MigrationPlan;
  /** Every change, one line each (see DeployResult). */
  changes: string[];
  /** The metadata version now in force. */
  metadataVersion: number;
  applied: boolean;
  /** Values an upgrade left as the workspace had them, though the new version changes them. */
  kept: CustomizationKept[];
  /** Records loaded per seed file (first install); on a dry run, the records that would be. */
  seeded: Record<string, number>;
}

export interface UninstallResult {
  name: string;
  version: string;
  plan: MigrationPlan;
  changes: string[];
  metadataVersion: number;
  applied: boolean;
  /** Records of the package's objects that went to the trash with them. */
  records: Record<string, number>;
}

/** An installed package as lists show it. */
export interface PackageSummary {
  name: string;
  version: string;
  label?: PackageRecord['label'];
  description?: PackageRecord['description'];
  dependencies: Record<string, string>;
  /**
   * The documents it owns, by kind: `{ object: ['account'], layout: ['account_default'] }`; the fields it added
   * to its dependencies' objects under `field` (`account.sf_id`).
   */
  owns: Record<string, string[]>;
}

export function summarize(record: PackageRecord): PackageSummary {
  const owns: Record<string, string[]> = {};
  const add = (kind: string, name: string) => {
    owns[kind] ??= [];
    owns[kind].push(name);
  };
  for (const o of record.shipped.objects) add('object', o['x-tessera'].apiName);
  for (const [key, docs] of Object.entries(record.shipped))
    if (key !== 'objects' && Array.isArray(docs))
      for (const d of docs as { kind: string; apiName: string }[]) add(d.kind, d.apiName);
  for (const ext of record.extensions ?? [])
    for (const field of Object.keys(ext.properties)) add('field', `${ext.object}.${field}`);
  return {
    name: record.apiName,
    version: record.version,
    ...(record.label ? { label: record.label } : {}),
    ...(record.description ? { description: record.description } : {}),
    dependencies: record.dependencies,
    owns,
  };
}

export async function installPackage(
  ws: Workspace,
  source: PackageSource,
  options: PackageOptions = {},
): Promise<InstallResult> {
  const model = await ws.reload();
  const planned = planInstall(model.documents, source);
  const { name, version } = planned.manifest;
  // Seed data is the first install's: an upgrade never touches the records admins and users have made since.
  const seedFiles = planned.action === 'install' ? (source.data ?? []) : [];
  const seeded: Record<string, number> = {};
  const deployed = await ws.deploy(planned.documents, {
    baseVersion: options.baseVersion ?? model.version,
    message: `${ACTION_VERB[planned.action]} package ${name} ${version}`,
    ...(options.author ? { author: options.author } : {}),
    // A dry run with seed data loads it and rolls everything back: its rows are checked as fully as a real
    // install checks them (values, lookups, validation, rules), all problems at once.
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
    ...(seedFiles.length
      ? {
          within: async (tx: DeployTransaction) => {
            Object.assign(seeded, await loadSeedData(seedFiles, { ...tx, owner: options.owner ?? null }));
          },
        }
      : {}),
  });
  return {
    name,
    version,
    action: planned.action,
    ...(planned.previousVersion ? { previousVersion: planned.previousVersion } : {}),
    plan: deployed.plan,
    changes: deployed.changes,
    metadataVersion: deployed.version,
    applied: deployed.applied,
    kept: planned.kept,
    seeded,
  };
}

const ACTION_VERB: Record<InstallAction, string> = {
  install: 'Install',
  upgrade: 'Upgrade',
  reinstall: 'Reinstall',
};

/**
 * Removes a package's documents. While its objects hold records this is refused unless `force`; a forced
 * uninstall moves the objects and their records to the trash, and restoring the version before it (or the
 * objects from the trash) brings everything back.
 */
export async function uninstallPackage(
  ws: Workspace,
  name: string,
  options: PackageOptions & { force?: boolean } = {},
): Promise<UninstallResult> {
  const model = await ws.reload();
  const { record, documents, objects } = planUninstall(model.documents, name);
  const records: Record<string, number> = {};
  for (const object of objects) {
    const row = await ws.storage.db
      .selectFrom(object)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) records[object] = Number(row.n);
  }
  if (Object.keys(records).length && !options.force)
    throw new TesseraError(
      'package_conflict',
      `${name} has records (${Object.entries(records)
        .map(([o, n]) => `${o}: ${n}`)
        .join(', ')}): uninstall with force to move them to the trash with their objects`,
      [],
      { records },
    );
  const deployed = await ws.deploy(documents, {
    baseVersion: options.baseVersion ?? model.version,
    message: `Uninstall package ${name} ${record.version}`,
    ...(options.author ? { author: options.author } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  return {
    name,
    version: record.version,
    plan: deployed.plan,
    changes: deployed.changes,
    metadataVersion: deployed.version,
    applied: deployed.applied,
    records,
  };
}

const owners = new WeakMap<DocumentSet, ReadonlyMap<string, PackageRecord>>();

/** The installed package that owns each object, by the object's stable id (what apps group objects by). */
export function objectPackages(documents: DocumentSet): ReadonlyMap<string, PackageRecord> {
  return getOrCreate(
    owners,
    documents,
    () =>
      new Map(
        (documents.packages ?? []).flatMap((p) =>
          p.shipped.objects.map((o) => [o['x-tessera'].id ?? o['x-tessera'].apiName, p] as const),
        ),
      ),
  );
}

export function packageSummaries(ws: Workspace): PackageSummary[] {
  return (ws.model.documents.packages ?? []).map(summarize);
}

export function packageSummary(ws: Workspace, name: string): PackageSummary {
  return summarize(installedPackage(ws.model.documents, name));
}
