/**
 * A package's seed data (`data/<object>.csv`) read against the model it is loaded into: each file's header
 * checked first (its columns: fields, and lookups with the field their cells name), the files put in an order
 * where each comes after the files its lookups point into, then each row's cells turned into the values their
 * fields take, a batch at a time. Every problem names the file, line and column.
 */
import { textHint, valueFromText } from '../fields/registry.js';
import type { CompiledField, CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { type CsvRecord, csvHeader } from './csv-rows.js';
import type { SeedProblems } from './seed-problems.js';

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

/**
 * A column of a field naming a row of a platform table (a user field): cells name it by `key` (e-mail); one
 * naming none that may be given leaves the field empty (the package comes before its people's accounts).
 */
export interface SeedPlatformLink {
  field: string;
  table: string;
  key: string;
  normalize(cell: string): string;
  /** A 0/1 column the row must have at 1 (users: `active`). */
  mustBeSet?: string;
}

export interface SeedRow {
  line: number;
  values: Record<string, unknown>;
  /** Natural keys of the row's lookups and platform links, by field. */
  keys: Record<string, string>;
}

/** A file whose header is right: what each column holds; its rows are read when it is loaded. */
export interface SeedTable {
  file: string;
  object: string;
  text: string;
  columns: Column[];
  lookups: SeedLookup[];
  platformLinks: SeedPlatformLink[];
}

const FILE = /^data\/([a-z][a-z0-9_]*)\.csv$/;

/**
 * The files whose headers are right, in load order; the problems of the others go to `problems`, and their
 * objects to `unreadable` (rows that look records up in them are not loaded, and not blamed for it).
 */
export function readSeedTables(
  files: readonly SeedFile[],
  model: CompiledModel,
  problems: SeedProblems,
  unreadable: Set<string>,
): SeedTable[] {
  const tables: SeedTable[] = [];
  for (const file of files) {
    const table = readSeedTable(file, model, problems);
    if (table) tables.push(table);
    else {
      const object = FILE.exec(file.file)?.[1];
      if (object) unreadable.add(object);
    }
  }
  return inLoadOrder(tables, problems);
}

function readSeedTable(seed: SeedFile, model: CompiledModel, problems: SeedProblems): SeedTable | undefined {
  const { file } = seed;
  const fail = (code: string, message: string) => {
    problems.add({ document: file, pointer: '', code, message });
    return undefined;
  };
  const object = FILE.exec(file)?.[1];
  if (!object) return fail('bad_file_name', 'seed files are data/<object API name>.csv');
  if (!model.objects.has(object))
    return fail(
      'unknown_object',
      `names object "${object}", which the package and its dependencies do not have`,
    );
  const target = model.object(object);
  let header: string[] | undefined;
  try {
    header = csvHeader(seed.text);
  } catch (e) {
    return fail('bad_csv', `line 1: is not valid CSV: ${(e as Error).message}`);
  }
  if (!header) return fail('empty', 'has no header row');
  const before = problems.total;
  const columns = header.map((name) => readColumn(target, model, name.trim(), file, problems));
  if (problems.total > before) return undefined;
  const lookups = columns.flatMap((c) => (c?.lookup ? [c.lookup] : []));
  const platformLinks = columns.flatMap((c) => (c?.platformLink ? [c.platformLink] : []));
  return { file, object, text: seed.text, columns: columns as Column[], lookups, platformLinks };
}

/** A batch of records as rows: cells as their fields' values, lookups as keys. Rows with a bad cell are left out. */
export function seedRows(table: SeedTable, records: readonly CsvRecord[], problems: SeedProblems): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const { cells, line } of records) {
    const row: SeedRow = { line, values: {}, keys: {} };
    let bad = false;
    cells.forEach((cell, i) => {
      const column = table.columns[i] as Column;
      if (cell === '') return;
      if (column.lookup) {
        row.keys[column.field.name] = cell;
        return;
      }
      if (column.platformLink) {
        row.keys[column.field.name] = column.platformLink.normalize(cell);
        return;
      }
      const value = valueFromText(column.field.type, column.field.prop, cell);
      if (value !== undefined) {
        row.values[column.field.name] = value;
        return;
      }
      bad = true;
      problems.add({
        document: table.file,
        pointer: `/${line}/${column.field.name}`,
        code: 'bad_value',
        message: `line ${line}, column ${column.field.name}: "${cell}" is not a value of type "${column.field.type}" (${textHint(column.field.type)})`,
      });
    });
    if (!bad) rows.push(row);
  }
  return rows;
}

export interface Column {
  field: CompiledField;
  lookup?: SeedLookup;
  platformLink?: SeedPlatformLink;
}

/** A header cell: a writable field (`name`), or a lookup with the target field its cells name (`account.code`). */
function readColumn(
  object: CompiledObject,
  model: CompiledModel,
  name: string,
  file: string,
  problems: SeedProblems,
): Column | undefined {
  const [fieldName = '', key] = name.split('.', 2);
  const fail = (code: string, message: string) => {
    problems.add({ document: file, pointer: `/1/${name}`, code, message: `header ${name}: ${message}` });
    return undefined;
  };
  const field = object.fields.get(fieldName);
  if (!field) return fail('unknown_field', `${object.apiName} has no field "${fieldName}"`);
  if (!field.writable) return fail('computed_field', `${field.type} fields are computed, not loaded`);
  const { reference } = field;
  if (reference?.seed) {
    if (key !== undefined)
      return fail(
        'not_lookup',
        `"${fieldName}" names a ${field.type} by ${reference.seed.key}, not by "${key}"`,
      );
    const { table, mustBeSet } = reference;
    const link: SeedPlatformLink = { field: field.name, table, ...reference.seed };
    return { field, platformLink: mustBeSet ? { ...link, mustBeSet } : link };
  }
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

/** Parents first: each file after the files its lookups point into. A circle of lookups loads none of them. */
function inLoadOrder(tables: readonly SeedTable[], problems: SeedProblems): SeedTable[] {
  const byObject = new Map(tables.map((t) => [t.object, t]));
  const ordered: SeedTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: SeedTable, path: string[]): boolean => {
    if (state.get(table.object) === 'done') return true;
    if (state.get(table.object) === 'visiting') {
      problems.add({
        document: table.file,
        pointer: '',
        code: 'lookup_cycle',
        message: `lookups between seed files go round in a circle: ${[...path, table.object].join(' → ')}`,
      });
      return false;
    }
    state.set(table.object, 'visiting');
    for (const lookup of table.lookups) {
      const parent = byObject.get(lookup.target);
      if (parent && !visit(parent, [...path, table.object])) return false;
    }
    state.set(table.object, 'done');
    ordered.push(table);
    return true;
  };
  for (const table of tables) if (!visit(table, [])) return [];
  return ordered;
}
