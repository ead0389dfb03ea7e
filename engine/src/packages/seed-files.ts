/**
 * A package's seed data (`data/<object>.csv`) read against the model it is loaded into: every cell turned into
 * the value its field takes, lookups kept as natural keys to resolve when loading, files put in an order where
 * each comes after the files its lookups point into. Any problem names the file, line and column, and the whole
 * package is refused: seed data loads completely or not at all.
 */
import { parse } from 'csv-parse/sync';
import { type Issue, TesseraError } from '../errors.js';
import type { CompiledField, CompiledModel, CompiledObject } from '../model/compiled-model.js';

/** One CSV file of a package: `data/account.csv` and its text. */
export interface SeedFile {
  file: string;
  text: string;
}

/** A lookup column: its cells name a record of `target` by the value of `key` (by default its name field). */
export interface SeedLookup {
  field: string;
  target: string;
  key: string;
}

export interface SeedRow {
  line: number;
  values: Record<string, unknown>;
  /** Natural keys of the row's lookups, by field. */
  keys: Record<string, string>;
}

export interface SeedTable {
  file: string;
  object: string;
  lookups: SeedLookup[];
  rows: SeedRow[];
}

const FILE = /^data\/([a-z][a-z0-9_]*)\.csv$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const BOOLEANS: Record<string, boolean> = { true: true, false: false };

export function seedError(issues: Issue[]): TesseraError {
  const first = issues[0] as Issue;
  return new TesseraError(
    'invalid_seed_data',
    `${issues.length} problem${issues.length === 1 ? '' : 's'} in the seed data; first: ${first.document} ${first.message}`,
    issues,
  );
}

/** The package's seed files, checked and converted, in load order. Throws `invalid_seed_data`. */
export function readSeedFiles(files: readonly SeedFile[], model: CompiledModel): SeedTable[] {
  const issues: Issue[] = [];
  const tables: SeedTable[] = [];
  for (const file of files) {
    const table = readSeedFile(file, model, issues);
    if (table) tables.push(table);
  }
  if (issues.length) throw seedError(issues);
  return inLoadOrder(tables);
}

function readSeedFile(seed: SeedFile, model: CompiledModel, issues: Issue[]): SeedTable | undefined {
  const { file } = seed;
  const fail = (pointer: string, code: string, message: string) => {
    issues.push({ document: file, pointer, code, message });
    return undefined;
  };
  const object = FILE.exec(file)?.[1];
  if (!object) return fail('', 'bad_file_name', 'seed files are data/<object API name>.csv');
  if (!model.objects.has(object))
    return fail(
      '',
      'unknown_object',
      `names object "${object}", which the package and its dependencies do not have`,
    );
  const target = model.object(object);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(seed.text, {
      info: true,
      bom: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (e) {
    return fail('', 'bad_csv', `is not valid CSV: ${(e as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) return fail('', 'empty', 'has no header row');
  const columns = header.record.map((name) => readColumn(target, model, name.trim(), file, issues));
  if (columns.some((c) => c === undefined)) return undefined;
  const lookups = columns.filter((c) => c?.lookup).map((c) => c?.lookup as SeedLookup);
  const rows = body.map(({ record, info }) => {
    const row: SeedRow = { line: info.lines, values: {}, keys: {} };
    record.forEach((cell, i) => {
      const column = columns[i] as Column;
      if (cell === '') return;
      if (column.lookup) row.keys[column.field.name] = cell;
      else {
        const value = cellValue(column.field, cell);
        if (value === undefined)
          issues.push({
            document: file,
            pointer: `/${info.lines}/${column.field.name}`,
            code: 'bad_value',
            message: `line ${info.lines}, column ${column.field.name}: "${cell}" is not a ${column.field.type} value (${FORMATS[column.field.type] ?? 'text'})`,
          });
        else row.values[column.field.name] = value;
      }
    });
    return row;
  });
  return { file, object, lookups, rows };
}

interface Column {
  field: CompiledField;
  lookup?: SeedLookup;
}

/** A header cell: a writable field (`name`), or a lookup with the target field its cells name (`account.code`). */
function readColumn(
  object: CompiledObject,
  model: CompiledModel,
  name: string,
  file: string,
  issues: Issue[],
): Column | undefined {
  const [fieldName = '', key] = name.split('.', 2);
  const fail = (code: string, message: string) => {
    issues.push({ document: file, pointer: `/1/${name}`, code, message: `header ${name}: ${message}` });
    return undefined;
  };
  const field = object.fields.get(fieldName);
  if (!field) return fail('unknown_field', `${object.apiName} has no field "${fieldName}"`);
  if (!field.writable) return fail('computed_field', `${field.type} fields are computed, not loaded`);
  const targetName = field.prop['x-tessera'].target as string | undefined;
  if (!targetName)
    return key === undefined ? { field } : fail('not_lookup', `"${fieldName}" is not a lookup`);
  if (targetName === object.apiName)
    return fail('self_lookup', 'a lookup from an object to itself cannot be seeded');
  const target = model.object(targetName);
  const keyField = key ?? target.document['x-tessera'].nameField;
  if (!target.fields.has(keyField)) return fail('unknown_field', `${targetName} has no field "${keyField}"`);
  if (!target.fields.get(keyField)?.columns)
    return fail(
      'unstored_key',
      `${targetName}.${keyField} is computed when read: records cannot be found by it`,
    );
  return { field, lookup: { field: field.name, target: targetName, key: keyField } };
}

const FORMATS: Partial<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a decimal number such as 12.5',
  percent: 'a decimal number such as 12.5',
  currency: 'a decimal number such as 1234.50',
  boolean: 'true or false',
  geolocation: '"lat,lng", e.g. "31.2304,121.4737"',
  json: 'a JSON object',
};

/** The value a cell stands for, or undefined when it cannot be one. Formats the JSON Schema checks (dates) pass as text. */
function cellValue(field: CompiledField, cell: string): unknown {
  switch (field.type) {
    case 'integer':
      return INTEGER.test(cell) ? Number(cell) : undefined;
    case 'number':
    case 'percent':
    case 'currency':
      return DECIMAL.test(cell) ? Number(cell) : undefined;
    case 'boolean':
      return BOOLEANS[cell.toLowerCase()];
    case 'multipicklist':
      return cell.split(';').map((v) => v.trim());
    case 'geolocation': {
      const [lat, lng, ...rest] = cell.split(',').map((v) => v.trim());
      return rest.length === 0 && DECIMAL.test(lat ?? '') && DECIMAL.test(lng ?? '')
        ? { lat: Number(lat), lng: Number(lng) }
        : undefined;
    }
    case 'json':
      try {
        return JSON.parse(cell);
      } catch {
        return undefined;
      }
    default:
      return cell;
  }
}

/** Parents first: each file after the files its lookups point into. */
function inLoadOrder(tables: readonly SeedTable[]): SeedTable[] {
  const byObject = new Map(tables.map((t) => [t.object, t]));
  const ordered: SeedTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: SeedTable, path: string[]) => {
    if (state.get(table.object) === 'done') return;
    if (state.get(table.object) === 'visiting')
      throw seedError([
        {
          document: table.file,
          pointer: '',
          code: 'lookup_cycle',
          message: `lookups between seed files go round in a circle: ${[...path, table.object].join(' → ')}`,
        },
      ]);
    state.set(table.object, 'visiting');
    for (const lookup of table.lookups) {
      const parent = byObject.get(lookup.target);
      if (parent) visit(parent, [...path, table.object]);
    }
    state.set(table.object, 'done');
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}
