/**
 * The workspaces one server serves: the default one, opened at start, and others opened on first use and kept
 * open. A name reaches a workspace only if it exists; creating one is explicit (the platform admin's call).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type StorageOptions, WORKSPACE_NAME, Workspace } from '@tessera/engine';
import { sql } from 'kysely';
import { JobWorkers, type JobWorkersOptions } from './job-workers.js';

export type StorageLocation = Omit<StorageOptions, 'workspace'>;

export class WorkspaceRegistry {
  readonly #open = new Map<string, Promise<Workspace>>();
  readonly #jobs = new JobWorkers();

  constructor(
    readonly defaultName: string,
    readonly defaultWorkspace: Workspace,
    /** Where other workspaces live; without it, this server serves the default workspace only. */
    private readonly location?: StorageLocation,
  ) {
    this.#open.set(defaultName, Promise.resolve(defaultWorkspace));
  }

  /** The named workspace, or undefined when there is none by that name. */
  async get(name: string): Promise<Workspace | undefined> {
    const open = this.#open.get(name);
    if (open) return open;
    if (!this.location || !WORKSPACE_NAME.test(name) || !(await this.exists(name))) return undefined;
    return this.openOnce(name);
  }

  /** Opens a new workspace; undefined when the name is taken (or other workspaces cannot be made here). */
  async create(name: string): Promise<Workspace | undefined> {
    if (!this.location || this.#open.has(name) || (await this.exists(name))) return undefined;
    return this.openOnce(name);
  }

  get canCreate(): boolean {
    return this.location !== undefined;
  }

  /** Starts a job worker for each workspace open, and for each opened from now on (the server does). */
  async startJobs(options: JobWorkersOptions): Promise<void> {
    const open = await Promise.allSettled(this.#open.values());
    this.#jobs.start(
      options,
      open.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : [])),
    );
  }

  /** Stops the job workers; their jobs in flight are handed back untried. */
  stopJobs(): Promise<void> {
    return this.#jobs.stop();
  }

  /** The job worker of a workspace, while the server runs. */
  jobWorker(ws: Workspace) {
    return this.#jobs.of(ws);
  }

  /** Closes the workspaces this registry opened (the default one belongs to whoever made the registry). */
  async close(): Promise<void> {
    await this.#jobs.stop();
    for (const [name, ws] of this.#open) if (name !== this.defaultName) await (await ws).close();
  }

  private openOnce(name: string): Promise<Workspace> {
    const opening = Workspace.open({ ...(this.location as StorageLocation), workspace: name });
    this.#open.set(name, opening);
    opening.then(
      (ws) => this.#jobs.add(ws),
      () => this.#open.delete(name),
    );
    return opening;
  }

  private async exists(name: string): Promise<boolean> {
    const location = this.location as StorageLocation;
    if (!location.databaseUrl) return existsSync(join(location.dataDir, `${name}.sqlite`));
    const found = await sql<{
      n: number;
    }>`select 1 as n from information_schema.schemata where schema_name = ${`ws_${name}`}`.execute(
      this.defaultWorkspace.storage.db,
    );
    return found.rows.length > 0;
  }
}
