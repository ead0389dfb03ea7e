/**
 * A CumulusCI dataset (`cci task run load_dataset`): a `mapping.yml` whose steps each name a Salesforce object
 * (`sf_object`), the table holding its rows (`table`, here `<table>.csv`), its fields (`Salesforce field:
 * column`, or a list of names that are their own columns) and its lookups (`Salesforce field: { table }`, the
 * column `key_field` or, as CumulusCI writes them, the field's name in snake case: `AccountId` → `account_id`).
 * Rows carry the dataset's own ids (`id`, integers) rather than Salesforce Ids: they are the records' keys,
 * unique per object, and a lookup holds its parent's. Loading the same dataset again finds the same records.
 * A `<table>_rt_mapping.csv` names the record types the table's `RecordTypeId` holds.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { csvHeader, csvRecords } from './csv-file.js';
import { SalesforceDataError } from './data-errors.js';
import { toId18 } from './salesforce-id.js';
import { batched, type DataSource, type SourceRecord, type SourceTable } from './source-records.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface Step {
  name: string;
  sobject: string;
  table: string;
  /** Salesforce field → CSV column. */
  fields: [string, string][];
  /** Salesforce lookup field → CSV column given in the mapping, if any. */
  lookups: [string, string | undefined][];
}

/** `AccountId` → `account_id`, `npe4__RelatedContact__c` → `npe4__related_contact__c`. */
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Whether a parsed YAML file is a CumulusCI mapping: steps that name an `sf_object`. */
export const isMapping = (yaml: unknown): boolean =>
  isRecord(yaml) &&
  Object.values(yaml).length > 0 &&
  Object.values(yaml).every((s) => isRecord(s) && 'sf_object' in s);

function steps(yaml: unknown, file: string): Step[] {
  if (!isMapping(yaml))
    throw new SalesforceDataError(
      'bad_plan',
      `${file}: a mapping is a set of steps, each with an "sf_object"`,
    );
  return Object.entries(yaml as Record<string, Record<string, unknown>>).map(([name, step]) => {
    const fail = (what: string) => new SalesforceDataError('bad_plan', `${file}: step "${name}": ${what}`);
    if (typeof step.sf_object !== 'string' || !step.sf_object) throw fail('"sf_object" must name an object');
    const table = step.table ?? step.sf_object;
    if (typeof table !== 'string') throw fail('"table" must name a table');
    const fields = step.fields ?? {};
    const fieldPairs: [string, string][] = Array.isArray(fields)
      ? fields.map((f) => [String(f), String(f)])
      : isRecord(fields)
        ? Object.entries(fields).map(([sf, column]) => [sf, String(column)])
        : [];
    if (!Array.isArray(fields) && !isRecord(fields)) throw fail('"fields" must be a list or a map');
    const lookups = step.lookups ?? {};
    if (!isRecord(lookups)) throw fail('"lookups" must be a map');
    const lookupPairs = Object.entries(lookups).map(([sf, spec]): [string, string | undefined] => [
      sf,
      isRecord(spec) && typeof spec.key_field === 'string' ? spec.key_field : undefined,
    ]);
    return { name, sobject: step.sf_object, table, fields: fieldPairs, lookups: lookupPairs };
  });
}

function stepTable(dir: string, step: Step, columns: string[]): SourceTable {
  const file = `${step.table}.csv`;
  const path = join(dir, file);
  const at = (column: string) => columns.findIndex((c) => c.toLowerCase() === column.toLowerCase());
  const need = (column: string, what: string) => {
    const i = at(column);
    if (i < 0) throw new SalesforceDataError('bad_data_file', `${file}: no column "${column}" (${what})`);
    return i;
  };
  const id = need('id', "the dataset's record ids");
  const fields = step.fields.map(([sf, column]) => [sf, need(column, `the mapping's ${sf}`)] as const);
  const lookups = step.lookups.map(([sf, keyField]) => {
    const candidates = keyField ? [keyField] : [sf, snake(sf)];
    const found = candidates.map(at).find((i) => i >= 0);
    if (found === undefined)
      throw new SalesforceDataError(
        'bad_data_file',
        `${file}: no column for the lookup ${sf} (tried ${candidates.join(', ')})`,
      );
    return [sf, found] as const;
  });
  return {
    sobject: step.sobject,
    files: [file],
    text: true,
    batches: (size) =>
      batched(
        (async function* (): AsyncGenerator<SourceRecord> {
          for await (const { line, cells } of csvRecords(path, columns.length)) {
            const where = `${file}, line ${line}`;
            const key = cells[id]?.trim();
            if (!key) throw new SalesforceDataError('bad_data_file', `${where}: no id`);
            const values: SourceRecord['values'] = {};
            for (const [sf, i] of fields) values[sf] = cells[i] === '' ? null : (cells[i] as string);
            for (const [sf, i] of lookups)
              values[sf] = cells[i] ? { key: (cells[i] as string).trim() } : null;
            yield { where, key, values };
          }
        })(),
        size,
      ),
  };
}

/** The mapping file of a folder, if it has one. */
export async function findMapping(dir: string): Promise<string | undefined> {
  for (const name of (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort()) {
    const yaml = await readYaml(join(dir, name));
    if (isMapping(yaml)) return join(dir, name);
  }
  return undefined;
}

async function readYaml(path: string): Promise<unknown> {
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SalesforceDataError('bad_plan', `${basename(path)}: not YAML (${(error as Error).message})`);
  }
}

/** CumulusCI's `<table>_rt_mapping.csv` (record_type_id, developer_name) of every table that has one. */
async function recordTypes(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('_rt_mapping.csv')).sort()) {
    const path = join(dir, name);
    const columns = await csvHeader(path);
    const id = columns.indexOf('record_type_id');
    const developerName = columns.indexOf('developer_name');
    if (id < 0 || developerName < 0)
      throw new SalesforceDataError(
        'bad_data_file',
        `${name}: needs record_type_id and developer_name columns`,
      );
    for await (const { line, cells } of csvRecords(path, columns.length))
      found.set(toId18(cells[id] ?? '', `${name}, line ${line}`), cells[developerName] ?? '');
  }
  return found;
}

export async function readCumulusciDataset(mappingPath: string): Promise<DataSource> {
  const dir = join(mappingPath, '..');
  const tables: SourceTable[] = [];
  for (const step of steps(await readYaml(mappingPath), basename(mappingPath))) {
    const header = await csvHeader(join(dir, `${step.table}.csv`)).catch((error: Error) => {
      throw new SalesforceDataError(
        'bad_data_file',
        `${error.message}; the mapping's step "${step.name}" needs it`,
      );
    });
    tables.push(stepTable(dir, step, header));
  }
  return { format: 'cumulusci', tables, userEmails: new Map(), recordTypes: await recordTypes(dir) };
}
