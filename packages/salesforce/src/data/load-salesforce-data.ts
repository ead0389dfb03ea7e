/**
 * Loads exported Salesforce records into the workspace through the record API, as `tessera import
 * salesforce-data` does:
 *
 * 1. every file is read once to check it (Ids, cells, references) and to learn its columns, before anything
 *    is written; an object or column the map cannot place is known then too;
 * 2. objects are loaded parents first (load-order.ts), each record upserted by its Salesforce Id in the
 *    unique `sf_id` field, its lookups resolved from the Salesforce Ids they hold to the ids of the records
 *    loaded from them (earlier in this run or in an earlier one), its owner found by e-mail;
 * 3. lookups to the record's own object or inside a cycle of objects are filled in a second pass.
 *
 * Loading the same export again updates the same records: nothing is duplicated. A record the workspace
 * refuses (a missing required value, a bad value, a lookup to a record that is not there) is reported with where
 * it is in the export and why; the others load.
 *
 * Validation and duplicate rules are the workspace's today, the records are history: by default (`rules:
 * 'report'`, migration mode, admins only) a record that breaks a rule is loaded all the same, and each broken
 * rule is reported with the record; `rules: 'enforce'` refuses such records as any write does.
 */
import type { CompiledModel, RecordApi, RuleMode } from '@tessera/engine';
import { SF_ID_FIELD } from '../names.js';
import type { SalesforceMap } from '../salesforce-map.js';
import { SalesforceDataError } from './data-errors.js';
import { standardMap, withStandardObjects } from './data-map.js';
import { type LookupEdge, loadOrder } from './load-order.js';
import {
  addLink,
  currentRecords,
  type Draft,
  type DraftContext,
  draft,
  resolveLinks,
  sameValues,
} from './record-drafts.js';
import { recordsByKey } from './resolve-keys.js';
import type { DataSource, SourceRecord } from './source-records.js';
import { mapTable, type TableMapping } from './table-mapping.js';
import { type Item, type Refusal, writeItems } from './write-records.js';

export interface LoadOptions {
  records: RecordApi;
  model: CompiledModel;
  /** The workspace's active users: lower-cased e-mail → user id. */
  usersByEmail: ReadonlyMap<string, string>;
  /** The converted package's map; the standard objects onto crm-core fill in what it lacks (data-map.ts). */
  map?: SalesforceMap;
  /** Salesforce objects of the export to leave out (any case): objects the workspace has no place for. */
  skip?: readonly string[];
  /** Records per bulk write (at most the record API's bulk limit). */
  batchSize?: number;
  /** Whether a broken rule refuses the record (`enforce`) or is reported with it (`report`, the default). */
  rules?: RuleMode;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  pass: 1 | 2;
  sfObject: string;
  done: number;
  total: number;
}

export interface ObjectReport {
  sfObject: string;
  object: string;
  total: number;
  created: number;
  updated: number;
  /** Records already loaded with the same values: not written again (no new version, no automations). */
  unchanged: number;
  failed: number;
  /** Records whose self- or cycle lookups the second pass filled. */
  linked: number;
  /** Records loaded though they break a rule (rules reported). */
  breakingRules: number;
  /** Exported columns with no field to go to. */
  skippedColumns: string[];
}

export interface RecordError {
  where: string;
  sfObject: string;
  key: string;
  code: string;
  message: string;
}

export interface LoadReport {
  format: DataSource['format'];
  rules: RuleMode;
  objects: ObjectReport[];
  errors: RecordError[];
  /** Each rule a loaded record breaks (rules reported): the record is in, the rule is the workspace's to judge. */
  ruleViolations: RecordError[];
  /** Records whose owner (or user field) named nobody this workspace has by e-mail: left to the importer. */
  usersNotFound: number;
}

const DEFAULT_BATCH = 200;

interface Plan {
  mapping: TableMapping;
  report: ObjectReport;
  columns: Set<string>;
}

export async function loadSalesforceData(source: DataSource, options: LoadOptions): Promise<LoadReport> {
  const map = options.map ? withStandardObjects(options.map) : standardMap();
  const size = options.batchSize ?? DEFAULT_BATCH;
  const rules = options.rules ?? 'report';
  const report: LoadReport = {
    format: source.format,
    rules,
    objects: [],
    errors: [],
    ruleViolations: [],
    usersNotFound: 0,
  };
  const plans: Plan[] = [];
  for (const table of tablesToLoad(source, options.skip ?? [])) {
    const mapping = mapTable(table, map, options.model);
    const columns = new Set<string>();
    let total = 0;
    for await (const batch of table.batches(size)) {
      total += batch.length;
      for (const record of batch) for (const name of Object.keys(record.values)) columns.add(name);
    }
    for (const name of columns) mapping.column(name);
    const objectReport: ObjectReport = {
      sfObject: mapping.sfObject,
      object: mapping.object.apiName,
      total,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      linked: 0,
      breakingRules: 0,
      skippedColumns: [...mapping.skipped],
    };
    plans.push({ mapping, report: objectReport, columns });
  }
  const edges: LookupEdge[] = plans.flatMap(({ mapping, columns }) =>
    [...columns].flatMap((name) => {
      const column = mapping.column(name);
      if (!column?.target || column.target === 'users') return [];
      return [
        {
          from: mapping.object.apiName,
          field: column.field.name,
          to: column.target.object,
          required: column.field.required,
        },
      ];
    }),
  );
  const order = loadOrder([...new Set(plans.map((p) => p.mapping.object.apiName))], edges);
  plans.sort(
    (a, b) =>
      order.objects.indexOf(a.mapping.object.apiName) - order.objects.indexOf(b.mapping.object.apiName),
  );
  report.objects = plans.map((p) => p.report);
  const drafting: DraftContext = {
    source,
    usersByEmail: options.usersByEmail,
    userNotFound: () => {
      report.usersNotFound += 1;
    },
  };
  const context: Context = { options, report, size, drafting, rules, reported: new Set() };
  for (const plan of plans)
    await firstPass(plan, new Set(order.deferred.get(plan.mapping.object.apiName)), context);
  for (const plan of plans) {
    const deferred = order.deferred.get(plan.mapping.object.apiName);
    if (deferred?.length) await secondPass(plan, new Set(deferred), context);
  }
  return report;
}

/** The export's tables but the skipped ones; naming an object the export does not have is a mistake. */
function tablesToLoad(source: DataSource, skip: readonly string[]) {
  const skipped = new Set(skip.map((name) => name.toLowerCase()));
  const present = new Set(source.tables.map((t) => t.sobject.toLowerCase()));
  const unknown = skip.filter((name) => !present.has(name.toLowerCase()));
  if (unknown.length)
    throw new SalesforceDataError(
      'unknown_object',
      `the export has no ${unknown.join(', ')} to skip (it has ${source.tables.map((t) => t.sobject).join(', ')})`,
    );
  return source.tables.filter((t) => !skipped.has(t.sobject.toLowerCase()));
}

interface Context {
  options: LoadOptions;
  report: LoadReport;
  size: number;
  drafting: DraftContext;
  rules: RuleMode;
  /** Violations reported so far, so the second pass does not report the first's again. */
  reported: Set<string>;
}

const recordError = (plan: Plan, record: SourceRecord, code: string, message: string): RecordError => ({
  where: record.where,
  sfObject: plan.mapping.sfObject,
  key: record.key,
  code,
  message,
});

function refuse(context: Context, plan: Plan, record: SourceRecord, code: string, message: string) {
  plan.report.failed += 1;
  context.report.errors.push(recordError(plan, record, code, message));
}

/** Rules loaded records break: each reported once, each record counted once. */
function reportBroken(context: Context, plan: Plan, broken: readonly Refusal[]) {
  const records = new Set<SourceRecord>();
  for (const b of broken) {
    const key = JSON.stringify([plan.mapping.sfObject, b.record.key, b.code, b.message]);
    if (context.reported.has(key)) continue;
    context.reported.add(key);
    context.report.ruleViolations.push(recordError(plan, b.record, b.code, b.message));
    records.add(b.record);
  }
  plan.report.breakingRules += records.size;
}

async function firstPass(plan: Plan, deferred: ReadonlySet<string>, context: Context): Promise<void> {
  const { mapping, report } = plan;
  let done = 0;
  for await (const batch of mapping.table.batches(context.size)) {
    const drafts = batch.map((record) => draft(mapping, record, deferred, context.drafting));
    await resolveLinks(drafts, context.options.records);
    const refusals = new Map<SourceRecord, { code: string; message: string }>();
    const byOwner = new Map<string | undefined, Item[]>();
    const current = await currentRecords(drafts, mapping.object.apiName, context.options.records);
    for (const d of drafts) {
      if (d.problem) refusals.set(d.record, d.problem);
      else if (sameValues(mapping.object, d.input, current.get(d.record.key))) report.unchanged += 1;
      else byOwner.set(d.owner, [...(byOwner.get(d.owner) ?? []), { record: d.record, input: d.input }]);
    }
    for (const [owner, items] of byOwner) {
      const written = await writeItems(
        context.options.records,
        mapping.object.apiName,
        { operation: 'upsert', upsertKey: SF_ID_FIELD },
        items,
        context.rules,
        owner === undefined ? {} : { userId: owner },
      );
      report.created += written.created;
      report.updated += written.updated;
      reportBroken(context, plan, written.broken);
      for (const r of written.refused) refusals.set(r.record, r);
    }
    // Reported in the order of the file, whichever step refused them.
    for (const record of batch) {
      const refusal = refusals.get(record);
      if (refusal) refuse(context, plan, record, refusal.code, refusal.message);
    }
    done += batch.length;
    context.options.onProgress?.({ pass: 1, sfObject: mapping.sfObject, done, total: report.total });
  }
}

/** Fills the lookups the first pass left empty, now that every record they may name exists. */
async function secondPass(plan: Plan, deferred: ReadonlySet<string>, context: Context): Promise<void> {
  const { mapping, report } = plan;
  const object = mapping.object.apiName;
  let done = 0;
  for await (const batch of mapping.table.batches(context.size)) {
    const keys = batch.map((r) => r.key);
    const own = await recordsByKey(context.options.records, object, keys, [...deferred]);
    const drafts: Draft[] = [];
    for (const record of batch) {
      const current = own.get(record.key);
      if (current === undefined) continue; // refused in the first pass, and reported there
      const d: Draft = { record, input: { id: current.id }, links: [], owner: undefined };
      for (const [name, value] of Object.entries(record.values)) {
        const column = mapping.column(name);
        if (column?.target && column.target !== 'users' && deferred.has(column.field.name))
          addLink(d, name, column.field.name, column.target.object, value);
      }
      drafts.push(d);
    }
    await resolveLinks(drafts, context.options.records);
    const items: Item[] = [];
    for (const d of drafts) {
      if (d.problem) refuse(context, plan, d.record, d.problem.code, d.problem.message);
      else if (!sameValues(mapping.object, d.input, own.get(d.record.key)))
        items.push({ record: d.record, input: d.input });
    }
    const written = await writeItems(
      context.options.records,
      object,
      { operation: 'update' },
      items,
      context.rules,
    );
    report.linked += written.updated;
    reportBroken(context, plan, written.broken);
    for (const r of written.refused) refuse(context, plan, r.record, r.code, r.message);
    done += batch.length;
    context.options.onProgress?.({ pass: 2, sfObject: mapping.sfObject, done, total: report.total });
  }
}
