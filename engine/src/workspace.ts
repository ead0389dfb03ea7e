/**
 * One workspace: its storage, its current compiled model, and the operations on its metadata (deploy,
 * history, restore, trash) and records. This is the engine's front door for the runtime and the CLI.
 */

import { type Access, accessFor } from './access/access.js';
import { type Subject, SYSTEM_SUBJECT } from './access/subject.js';
import { automationExecutors } from './automations/automation-executors.js';
import { automationHooks } from './automations/automation-hooks.js';
import { AutomationScheduler } from './automations/scheduler.js';
import { TesseraError } from './errors.js';
import { type AuditEntry, audit, auditEntries } from './identity/audit.js';
import { Sessions } from './identity/sessions.js';
import { Tokens } from './identity/tokens.js';
import { Users } from './identity/users.js';
import { WorkspaceImports } from './imports/workspace-imports.js';
import { assignIds } from './metadata/assign-ids.js';
import { type DocumentChange, diffDocuments } from './metadata/diff-documents.js';
import {
  type AnyDocument,
  type DocumentKind,
  documentEntries,
  objectDocId,
} from './metadata/document-kinds.js';
import { invalidDocuments } from './metadata/document-shapes.js';
import type { DocumentSet, ObjectDocument } from './metadata/types.js';
import { validateDocuments } from './metadata/validate-documents.js';
import { applyPlan } from './migrate/apply.js';
import { backfillGenerated } from './migrate/generated-backfill.js';
import { planMigration } from './migrate/plan.js';
import { purgedParts } from './migrate/purged-parts.js';
import type { MigrationPlan, MigrationStep } from './migrate/steps.js';
import { ensureStoredFormulaColumns } from './migrate/stored-formula-columns.js';
import { ensureSystemIndexes } from './migrate/system-indexes.js';
import { type CompiledModel, compileModel } from './model/compiled-model.js';
import type { Clock } from './queue/clock.js';
import type { JobExecutor } from './queue/job-executor.js';
import type { Locality } from './records/locality.js';
import { RecordApi } from './records/record-api.js';
import type { WriteHooks } from './records/write/write-hooks.js';
import { openStorage, type StorageOptions } from './storage/open-storage.js';
import type { AnyDb, SchemaEditor, Storage } from './storage/storage.js';
import { TransactionStorage } from './storage/transaction-storage.js';
import {
  claimVersion,
  documentsAt,
  headVersion,
  history,
  recordVersion,
  takeFromTrash,
  trashEntries,
  type VersionInfo,
  versionInfo,
} from './store/metadata-store.js';
import { migratePlatform } from './store/migrations/migrate-platform.js';
import type { TrashRow } from './store/system-tables.js';
import { UserRecords } from './user-records/user-records.js';

export interface DeployOptions {
  /** The version the change was prepared against; a different head is a conflict. */
  baseVersion?: number;
  author?: string;
  message?: string;
  /**
   * Nothing is changed. Without `within`, the plan only; with it, the whole deploy runs in its transaction and
   * is rolled back, so the extra writes are checked as a real deploy checks them.
   */
  dryRun?: boolean;
  /** Called before each step runs (progress; tests use it to make a step fail). */
  onStep?: (step: MigrationStep, index: number) => void | Promise<void>;
  /**
   * More writes in the deploy's transaction, once the new version's tables are in place: records written with
   * `records` are checked against the new model, and land with the metadata or not at all (seed data).
   */
  within?: (tx: DeployTransaction) => Promise<void>;
}

export interface DeployTransaction {
  db: AnyDb;
  storage: Storage;
  model: CompiledModel;
  /** Unrestricted, in the deploy's transaction, on the new model. */
  records: RecordApi;
}

export interface DeployResult {
  plan: MigrationPlan;
  /**
   * Every change, one line each: the plan's steps for objects, then the other documents saved or deleted
   * ("Save layout account_default"). Empty when the workspace already matches.
   */
  changes: string[];
  /** The version now in force: new if the deploy changed anything, the base otherwise. */
  version: number;
  applied: boolean;
  /** The documents as stored, with their stable ids. */
  documents: DocumentSet;
}

export interface TrashEntry {
  kind: 'object' | 'field';
  id: string;
  objectId: string;
  apiName: string;
  deletedVersion: number;
  deletedAt: string;
}

export interface PurgeOptions {
  author?: string;
  /** Answer what would be purged; change nothing. */
  dryRun?: boolean;
}

export interface PurgeResult {
  /** The trash entries purged (or, in a dry run, that would be): an object's come with its deleted fields. */
  purged: TrashEntry[];
  /** The purge's metadata version; in a dry run, the current one. */
  version: number;
  applied: boolean;
}

const trashEntry = (t: TrashRow): TrashEntry => ({
  kind: t.kind,
  id: t.entity_id,
  objectId: t.object_id,
  apiName: t.api_name,
  deletedVersion: Number(t.deleted_version),
  deletedAt: t.deleted_at,
});

const SYSTEM_AUTHOR = 'system';
/** Thrown out of a dry run's transaction to roll it back. */
const REHEARSED = Symbol('rehearsed');
const OPTIMIZE_INTERVAL_MS = 60 * 60_000;

export class Workspace {
  /** Records as the platform itself sees them (seed data, the CLI): unrestricted. Users go through `recordsFor`. */
  #records: RecordApi;
  #writeHooks: WriteHooks | undefined;
  /** People and tokens as the platform manages them: unrestricted. Users go through `usersFor`, `tokensFor`. */
  readonly users: Users;
  readonly tokens: Tokens;
  readonly sessions: Sessions;
  /** Import jobs: files read into records (see imports/). */
  readonly imports: WorkspaceImports;
  #model: CompiledModel;
  #unsubscribe: () => void = () => {};

  private constructor(
    readonly storage: Storage,
    model: CompiledModel,
  ) {
    this.#model = model;
    this.#records = new RecordApi(storage, this.#models);
    this.users = this.usersFor(SYSTEM_SUBJECT);
    this.tokens = this.tokensFor(SYSTEM_SUBJECT);
    this.sessions = new Sessions(storage.db);
    this.imports = new WorkspaceImports({
      storage,
      model: () => this.#model,
      records: (on, subject, locality) =>
        new RecordApi(on, this.#models, subject, locality, this.#writeHooks),
    });
  }

  readonly #models = {
    current: () => this.#model,
    refresh: () => this.reload(),
    head: (db: AnyDb) => headVersion(db),
  };

  get records(): RecordApi {
    return this.#records;
  }

  /**
   * What every record write of this workspace runs before and after it saves, in its transaction: undefined
   * until the automation module sets it. Record APIs made from then on (and `records`) use it.
   */
  get writeHooks(): WriteHooks | undefined {
    return this.#writeHooks;
  }

  set writeHooks(hooks: WriteHooks | undefined) {
    this.#writeHooks = hooks;
    this.#records = new RecordApi(this.storage, this.#models, SYSTEM_SUBJECT, undefined, hooks);
  }

  /**
   * The job executors of what automations queue besides webhooks and notifications: record writes (which run
   * this workspace's write hooks in turn) and relative triggers coming due. The runtime registers them into
   * the workspace's job worker.
   */
  automationExecutors(): [string, JobExecutor][] {
    return automationExecutors({
      model: () => this.#model,
      records: (storage) => new RecordApi(storage, this.#models, SYSTEM_SUBJECT, undefined, this.#writeHooks),
    });
  }

  /** The cron scheduler of this workspace's scheduled automations, on `clock` (the system's by default). */
  automationScheduler(clock?: Clock): AutomationScheduler {
    return new AutomationScheduler({
      storage: this.storage,
      model: () => this.#model,
      ...(clock ? { clock } : {}),
    });
  }

  /** Writes an entry of the audit log (sign-ins, token use, changes to users and tokens). */
  audit(actorId: string | null, action: string, detail?: Record<string, unknown>): Promise<void> {
    return audit(this.storage.db, actorId, action, detail);
  }

  auditLog(options?: { limit?: number; before?: string }): Promise<AuditEntry[]> {
    return auditEntries(this.storage.db, options);
  }

  /** What a user may see and do under the current metadata version (their model, permissions, scopes). */
  accessFor(subject: Subject): Access {
    return accessFor(this.#model, subject);
  }

  /** People as one user may manage them: never giving more than that user holds. */
  usersFor(subject: Subject): Users {
    return new Users(this.storage.db, () => this.accessFor(subject));
  }

  /** API tokens as one user may make them: only for users within that user's own access. */
  tokensFor(subject: Subject): Tokens {
    return new Tokens(this.storage.db, () => this.accessFor(subject));
  }

  /** Records as one user may see and change them: every read and write goes through their access. */
  recordsFor(subject: Subject, locality?: Locality): RecordApi {
    return new RecordApi(this.storage, this.#models, subject, locality, this.#writeHooks);
  }

  /** One user's own lists of records (recent, followed), read back through that user's access. */
  userRecordsFor(subject: Subject & { userId: string }, locality?: Locality): UserRecords {
    return new UserRecords(
      this.storage.db,
      this.recordsFor(subject, locality),
      () => this.accessFor(subject),
      subject.userId,
    );
  }

  static async open(options: StorageOptions): Promise<Workspace> {
    const storage = await openStorage(options);
    // A workspace that cannot be opened (one a newer Tessera upgraded) leaves no connections behind.
    return Workspace.onStorage(storage).catch(async (error) => {
      await storage.close();
      throw error;
    });
  }

  static async onStorage(storage: Storage): Promise<Workspace> {
    // Two processes may open a new or older workspace at once: its platform migrations run in one of them.
    await storage.migrate((db) => migratePlatform(db, storage.dialect));
    const version = await headVersion(storage.db);
    const model = compileModel(await documentsAt(storage.db, version), version);
    await storage.migrate(async (db, schema) => {
      await ensureSystemIndexes(db, model);
      await ensureStoredFormulaColumns(storage, db, schema, model);
    });
    const ws = new Workspace(storage, model);
    ws.writeHooks = automationHooks();
    // Another process's metadata change is served here within moments; writes check the version anyway.
    const unsubscribe = storage.onMigration(() => {
      ws.reload().catch(() => {});
    });
    // Planner statistics: at open, after each deploy, and hourly as the data grows.
    await storage.optimize();
    const timer = setInterval(() => void storage.optimize().catch(() => {}), OPTIMIZE_INTERVAL_MS);
    timer.unref();
    ws.#unsubscribe = () => {
      unsubscribe();
      clearInterval(timer);
    };
    return ws;
  }

  /** The compiled model of the current version; replaced, never mutated, when the metadata changes. */
  get model(): CompiledModel {
    return this.#model;
  }

  /** Picks up changes made by another process sharing the database. */
  async reload(): Promise<CompiledModel> {
    const version = await headVersion(this.storage.db);
    if (version === this.#model.version) return this.#model;
    const model = compileModel(await documentsAt(this.storage.db, version), version);
    // Reloads can overlap (a burst of notifications): a slower, older one never replaces a newer model.
    if (model.version > this.#model.version) this.#model = model;
    return this.#model;
  }

  /** Validates, plans and applies a new document set in one transaction, as one new metadata version. */
  async deploy(next: DocumentSet, options: DeployOptions = {}): Promise<DeployResult> {
    const issues = validateDocuments(next);
    if (issues.length) throw invalidDocuments(issues);
    if (options.dryRun && !options.within) {
      const base = await headVersion(this.storage.db);
      checkBase(options.baseVersion, base);
      const prepared = await this.prepare(this.storage.db, next, base);
      const changes = changeLines(prepared.plan, changedDocuments(prepared.current, prepared.documents));
      return { plan: prepared.plan, changes, version: base, applied: false, documents: prepared.documents };
    }
    const rehearsed = { result: undefined as DeployResult | undefined };
    const result = await this.storage
      .migrate(async (db, schema) => {
        const base = await headVersion(db);
        checkBase(options.baseVersion, base);
        const prepared = await this.prepare(db, next, base);
        const changed = changedDocuments(prepared.current, prepared.documents);
        const changes = changeLines(prepared.plan, changed);
        if (changes.length === 0)
          return {
            plan: prepared.plan,
            changes,
            version: base,
            applied: false,
            documents: prepared.documents,
            model: undefined,
          };
        const version = await claimVersion(db, base);
        const model = prepared.next;
        await applyPlan(
          {
            storage: this.storage,
            db,
            schema,
            baseline: prepared.baseline,
            next: model,
            version,
            trash: new Map(prepared.trash.map((t) => [t.entity_id, t])),
            ...(options.onStep ? { onStep: options.onStep } : {}),
          },
          prepared.plan,
        );
        await backfillGenerated(this.storage, db, prepared.current, model);
        if (options.within) {
          const storage = new TransactionStorage(this.storage, db);
          const models = {
            current: () => model,
            refresh: async () => model,
            head: async () => model.version,
          };
          // Seed data is a state being loaded, not business happening: automations do not run on it (a
          // template's seed already holds the records its automations would make).
          await options.within({
            db,
            storage,
            model,
            records: new RecordApi(storage, models, SYSTEM_SUBJECT),
          });
        }
        if (options.dryRun) {
          rehearsed.result = {
            plan: prepared.plan,
            changes,
            version: base,
            applied: false,
            documents: prepared.documents,
          };
          throw REHEARSED;
        }
        await recordVersion(db, {
          version,
          author: options.author ?? SYSTEM_AUTHOR,
          message: options.message ?? summarize(changes),
          changes,
          documents: changed,
        });
        return { plan: prepared.plan, changes, version, applied: true, documents: prepared.documents, model };
      })
      .catch((error) => {
        // A rehearsal's transaction is rolled back by throwing out of it; its answer is kept aside.
        if (error === REHEARSED && rehearsed.result) return { ...rehearsed.result, model: undefined };
        throw error;
      });
    const { model, ...deployed } = result;
    if (model) {
      this.#model = model;
      await this.storage.optimize();
    }
    return deployed;
  }

  private async prepare(db: AnyDb, next: DocumentSet, base: number) {
    const current = await documentsAt(db, base);
    const trash = await trashEntries(db);
    // Packages are recorded by package installs only: every other change carries them over.
    const carried = next.packages || !current.packages ? next : { ...next, packages: current.packages };
    const documents = assignIds(carried, current);
    const {
      plan,
      baseline,
      next: nextModel,
    } = planMigration({ current, next: documents, trash, baseVersion: base });
    return { current, trash, documents, plan, baseline, next: nextModel };
  }

  history(): Promise<VersionInfo[]> {
    return history(this.storage.db);
  }

  version(version: number): Promise<VersionInfo> {
    return versionInfo(this.storage.db, version);
  }

  documentsAt(version: number): Promise<DocumentSet> {
    return documentsAt(this.storage.db, version);
  }

  async diff(from: number, to: number): Promise<DocumentChange[]> {
    return diffDocuments(await this.documentsAt(from), await this.documentsAt(to));
  }

  /** Makes the documents of an earlier version current again, as a new version; deleted data comes back from the trash. */
  async restoreVersion(version: number, options: Omit<DeployOptions, 'dryRun'> = {}): Promise<DeployResult> {
    const documents = await this.documentsToRestore(version);
    return this.deploy(documents, { message: `Restore version ${version}`, ...options });
  }

  /**
   * The documents of an earlier version, to make current again. Refused (`data_purged`) when an object or
   * field of that version was purged since: its data cannot come back, and restoring it empty would hide that.
   */
  async documentsToRestore(version: number): Promise<DocumentSet> {
    const db = this.storage.db;
    const documents = await this.documentsAt(version);
    const current = await documentsAt(db, await headVersion(db));
    const purged = purgedParts(documents, current, await trashEntries(db));
    const first = purged[0];
    if (!first) return documents;
    const name = `${first.kind} "${first.field ? `${first.object}.${first.field}` : first.object}"`;
    const more = purged.length > 1 ? ` (and ${purged.length - 1} more)` : '';
    throw new TesseraError(
      'data_purged',
      `version ${version} holds ${name}${more}, purged for good since: its data cannot come back, so the version cannot be restored; deploy the documents you want without it instead`,
      [],
      { purged },
    );
  }

  async trash(): Promise<TrashEntry[]> {
    return (await trashEntries(this.storage.db)).map(trashEntry);
  }

  /** Brings a deleted field back with its values, under the API name it had. */
  async restoreField(objectName: string, field: string, options: DeployOptions = {}): Promise<DeployResult> {
    const object = this.#model.object(objectName);
    const entry = await this.trashEntry(
      'field',
      (t) => t.object_id === object.id && (t.entity_id === field || t.api_name === field),
    );
    if (object.fields.has(entry.api_name))
      throw new TesseraError(
        'unsupported_change',
        `"${objectName}" has another field named "${entry.api_name}" now; rename it first`,
      );
    const documents = structuredClone(this.#model.documents);
    const doc = documents.objects.find((d) => objectDocId(d) === object.id) as ObjectDocument;
    doc.properties[entry.api_name] = JSON.parse(entry.definition);
    return this.deploy(documents, { message: `Restore field ${objectName}.${entry.api_name}`, ...options });
  }

  /** Brings a deleted object back with its records, under the API name it had. */
  async restoreObject(object: string, options: DeployOptions = {}): Promise<DeployResult> {
    const entry = await this.trashEntry('object', (t) => t.entity_id === object || t.api_name === object);
    if (this.#model.objects.has(entry.api_name))
      throw new TesseraError(
        'unsupported_change',
        `another object is named "${entry.api_name}" now; rename it first`,
      );
    const documents = structuredClone(this.#model.documents);
    documents.objects.push(JSON.parse(entry.definition));
    return this.deploy(documents, { message: `Restore object ${entry.api_name}`, ...options });
  }

  /**
   * Removes a deleted field's values for good. Only what is in the trash can be purged. Returns what was
   * purged (with `dryRun`: what would be) and the purge's metadata version.
   */
  async purgeField(objectName: string, field: string, options: PurgeOptions = {}): Promise<PurgeResult> {
    const object = this.#model.object(objectName);
    const entry = await this.trashEntry(
      'field',
      (t) => t.object_id === object.id && (t.entity_id === field || t.api_name === field),
    );
    return this.purge(`field "${objectName}.${entry.api_name}"`, [entry], options, async (db, schema) => {
      if (entry.storage_name) await schema.dropColumn(objectName, entry.storage_name);
      await takeFromTrash(db, entry.entity_id);
    });
  }

  /** Removes a deleted object's table and records for good, with its deleted fields. See `purgeField`. */
  async purgeObject(object: string, options: PurgeOptions = {}): Promise<PurgeResult> {
    const entry = await this.trashEntry('object', (t) => t.entity_id === object || t.api_name === object);
    // Fields deleted before their object lived in its table; they go with it.
    const fields = (await trashEntries(this.storage.db)).filter(
      (t) => t.kind === 'field' && t.object_id === entry.entity_id,
    );
    return this.purge(`object "${entry.api_name}"`, [entry, ...fields], options, async (db, schema) => {
      await schema.dropTable(entry.storage_name);
      // Read again inside the migration: a field may have been deleted since the one above.
      for (const t of await trashEntries(db))
        if (t.object_id === entry.entity_id) await takeFromTrash(db, t.entity_id);
    });
  }

  private async purge(
    what: string,
    entries: TrashRow[],
    options: PurgeOptions,
    drop: (db: AnyDb, schema: SchemaEditor) => Promise<void>,
  ): Promise<PurgeResult> {
    const purged = entries.map(trashEntry);
    if (options.dryRun) return { purged, version: this.#model.version, applied: false };
    const version = await this.storage.migrate(async (db, schema) => {
      const version = await claimVersion(db, await headVersion(db));
      await drop(db, schema);
      await recordVersion(db, {
        version,
        author: options.author ?? SYSTEM_AUTHOR,
        message: `Purge ${what}`,
        changes: [`Purge ${what} and its data for good`],
        documents: [],
      });
      return version;
    });
    this.#model = compileModel(this.#model.documents, version);
    return { purged, version, applied: true };
  }

  private async trashEntry(kind: TrashRow['kind'], match: (t: TrashRow) => boolean): Promise<TrashRow> {
    // The most recent deletion wins when a name was deleted more than once.
    const entry = (await trashEntries(this.storage.db)).reverse().find((t) => t.kind === kind && match(t));
    if (!entry)
      throw new TesseraError(
        'not_in_trash',
        `no deleted ${kind} matches; see the trash for what can be restored or purged`,
      );
    return entry;
  }

  close(): Promise<void> {
    this.#unsubscribe();
    return this.storage.close();
  }
}

function checkBase(expected: number | undefined, head: number) {
  if (expected !== undefined && expected !== head)
    throw new TesseraError(
      'metadata_conflict',
      `the metadata is at version ${head}, not ${expected}: someone changed it meanwhile; reload and try again`,
      [],
      { baseVersion: expected, headVersion: head },
    );
}

function changedDocuments(current: DocumentSet, next: DocumentSet) {
  const key = (kind: DocumentKind, id: string) => `${kind}\u0000${id}`;
  const before = new Map(
    documentEntries(current).map((e) => [key(e.kind, e.id), { ...e, json: JSON.stringify(e.doc) }]),
  );
  const after = new Set<string>();
  const changed: { kind: DocumentKind; id: string; body: AnyDocument | null }[] = [];
  for (const { kind, id, doc } of documentEntries(next)) {
    after.add(key(kind, id));
    if (before.get(key(kind, id))?.json !== JSON.stringify(doc)) changed.push({ kind, id, body: doc });
  }
  for (const [k, { kind, id }] of before) if (!after.has(k)) changed.push({ kind, id, body: null });
  return changed;
}

/** Objects are described by their migration steps; the other kinds by what happens to the document. */
function changeLines(plan: MigrationPlan, changed: ReturnType<typeof changedDocuments>): string[] {
  return [
    ...plan.steps.map((s) => s.description),
    ...changed
      .filter((d) => d.kind !== 'object')
      .map((d) => `${d.body ? 'Save' : 'Delete'} ${d.kind.replace('_', ' ')} ${d.id}`),
  ];
}

function summarize(changes: readonly string[]): string {
  return changes.length === 1 ? (changes[0] as string) : `${changes.length} changes`;
}
