/**
 * A `sf data export tree --plan` folder: a plan (a JSON list of `{ sobject, files, saveRefs, resolveRefs }`)
 * and the JSON files it names, each `{ "records": [ { "attributes": { "type", "referenceId" }, …fields } ] }`,
 * where a value `@AccountRef1` links to the record whose referenceId is `AccountRef1`. Without a plan, every
 * JSON file of the folder with `records` is read. Each record's key is its Id when the export has one (in its
 * 18-character form), else its referenceId: loading the same export again finds the same records.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SalesforceDataError } from './data-errors.js';
import { toId18 } from './salesforce-id.js';
import {
  chunks,
  type DataSource,
  type SourceRecord,
  type SourceTable,
  type SourceValue,
  USER_OBJECT,
} from './source-records.js';

interface PlanEntry {
  sobject: string;
  files: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SalesforceDataError(
      'bad_data_file',
      `${basename(path)}: cannot be read (${error.code ?? error.message})`,
    );
  });
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SalesforceDataError(
      'bad_data_file',
      `${basename(path)}: not JSON (${(error as Error).message})`,
    );
  }
}

/** Whether a parsed JSON file is a plan: a list of entries that name an sobject and files. */
export const isPlan = (json: unknown): boolean =>
  Array.isArray(json) && json.length > 0 && json.every((e) => isRecord(e) && 'sobject' in e && 'files' in e);

function planEntries(json: unknown, file: string): PlanEntry[] {
  return (json as unknown[]).map((entry, i) => {
    const e = entry as Record<string, unknown>;
    if (typeof e.sobject !== 'string' || !e.sobject)
      throw new SalesforceDataError(
        'bad_plan',
        `${file}: entry ${i + 1} has no "sobject" (an object API name)`,
      );
    if (!Array.isArray(e.files) || !e.files.every((f) => typeof f === 'string' && f))
      throw new SalesforceDataError(
        'bad_plan',
        `${file}: entry ${i + 1} (${e.sobject}) must list its "files"`,
      );
    return { sobject: e.sobject, files: e.files as string[] };
  });
}

/** A tree record as read, before its `@` links are turned into keys. */
interface RawRecord {
  sobject: string;
  file: string;
  where: string;
  key: string;
  referenceId: string | undefined;
  fields: Record<string, unknown>;
}

function rawRecords(json: unknown, file: string, sobject: string | undefined): RawRecord[] {
  if (!isRecord(json) || !Array.isArray(json.records))
    throw new SalesforceDataError('bad_data_file', `${file}: expected { "records": [ … ] }`);
  return json.records.map((record, i) => {
    const where = `${file}, record ${i + 1}`;
    if (!isRecord(record) || !isRecord(record.attributes))
      throw new SalesforceDataError('bad_data_file', `${where}: a record is an object with "attributes"`);
    const { attributes, Id, ...fields } = record;
    const type = typeof attributes.type === 'string' ? attributes.type : sobject;
    if (!type) throw new SalesforceDataError('bad_data_file', `${where}: "attributes" has no "type"`);
    if (sobject && type !== sobject)
      throw new SalesforceDataError(
        'bad_plan',
        `${where}: a ${type} record in a file the plan lists for ${sobject}`,
      );
    const referenceId = typeof attributes.referenceId === 'string' ? attributes.referenceId : undefined;
    const key = typeof Id === 'string' && Id ? toId18(Id, where) : referenceId;
    if (!key)
      throw new SalesforceDataError(
        'bad_data_file',
        `${where}: the record has neither an Id nor a referenceId`,
      );
    for (const [name, value] of Object.entries(fields))
      if (isRecord(value))
        throw new SalesforceDataError(
          'bad_data_file',
          `${where}: "${name}" holds nested records; export with --plan so each object has its own file`,
        );
    return { sobject: type, file, where, key, referenceId, fields };
  });
}

/** `@Ref` values naming a record of the export become that record's key; other values stay as they are. */
function linked(raw: RawRecord, keysByRef: ReadonlyMap<string, string>): SourceRecord {
  const values: Record<string, SourceValue> = {};
  for (const [name, value] of Object.entries(raw.fields)) {
    const ref =
      typeof value === 'string' && value.startsWith('@') ? keysByRef.get(value.slice(1)) : undefined;
    values[name] = ref !== undefined ? { key: ref } : (value as SourceValue);
  }
  return { where: raw.where, key: raw.key, values };
}

async function planFile(dir: string): Promise<{ path: string; json: unknown } | undefined> {
  for (const name of (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort()) {
    const json = await readJson(join(dir, name));
    if (isPlan(json)) return { path: join(dir, name), json };
  }
  return undefined;
}

/** The records of a tree export folder (or of one plan file), grouped by object in the plan's order. */
export async function readTreeExport(path: string): Promise<DataSource> {
  const plan = path.toLowerCase().endsWith('.json')
    ? { path, json: await readJson(path) }
    : await planFile(path);
  let raws: RawRecord[] = [];
  if (plan) {
    if (!isPlan(plan.json))
      throw new SalesforceDataError(
        'bad_plan',
        `${basename(plan.path)}: a plan is a list of { "sobject", "files" }`,
      );
    const base = dirname(resolve(plan.path));
    for (const entry of planEntries(plan.json, basename(plan.path)))
      for (const file of entry.files)
        raws.push(...rawRecords(await readJson(join(base, file)), file, entry.sobject));
  } else {
    const files = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    for (const file of files) raws.push(...rawRecords(await readJson(join(path, file)), file, undefined));
  }
  const keysByRef = new Map<string, string>();
  for (const raw of raws) {
    if (raw.referenceId === undefined) continue;
    if (keysByRef.has(raw.referenceId))
      throw new SalesforceDataError(
        'duplicate_reference',
        `${raw.where}: referenceId "${raw.referenceId}" is used twice`,
      );
    keysByRef.set(raw.referenceId, raw.key);
  }
  const userEmails = new Map<string, string>();
  for (const raw of raws.filter((r) => r.sobject === USER_OBJECT))
    if (typeof raw.fields.Email === 'string') userEmails.set(raw.key, raw.fields.Email);
  raws = raws.filter((r) => r.sobject !== USER_OBJECT);
  const bySObject = new Map<string, { files: Set<string>; records: SourceRecord[] }>();
  for (const raw of raws) {
    const group = bySObject.get(raw.sobject) ?? { files: new Set<string>(), records: [] };
    bySObject.set(raw.sobject, group);
    group.files.add(raw.file);
    group.records.push(linked(raw, keysByRef));
  }
  const tables: SourceTable[] = [...bySObject].map(([sobject, group]) => ({
    sobject,
    files: [...group.files],
    text: false,
    async *batches(size: number) {
      yield* chunks(group.records, size);
    },
  }));
  return { format: 'tree', tables, userEmails, recordTypes: new Map() };
}
