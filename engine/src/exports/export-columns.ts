/**
 * The columns of an export, from the object as the caller may read it: `id` first, then the fields asked for
 * (all readable fields without a list), each a column headed by its API name. A lookup, master-detail or user
 * field is two columns: `<field>` with the linked record's name (a user's e-mail), `<field>.id` with its id,
 * so the file reads well and imports back either way.
 */
import type { Access } from '../access/access.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { SYSTEM_FIELD_ENTRIES } from '../model/system-fields.js';
import { EXPANDED } from '../records/expand.js';
import type { RecordData } from '../records/record-api.js';
import { neutralize } from '../util/spreadsheet-escape.js';
import { type Cell, valueCell } from './cell-text.js';

export interface ExportColumn {
  header: string;
  cell(record: RecordData): Cell;
}

export interface ExportPlan {
  columns: ExportColumn[];
  /** The fields to read (the record API's `fields`); `id` is always read. */
  fields: string[];
  /** The reference fields whose linked records are read for their names. */
  references: string[];
}

/** Every field of a record of `view`, in the order an export without a list of fields has them. */
function allFields(view: CompiledObject): string[] {
  const system = SYSTEM_FIELD_ENTRIES.map(([name]) => name).filter((name) => name !== 'id');
  return [...view.fields.keys(), ...system];
}

/**
 * The columns for `fields` (or every field) of `view`. Unknown and unreadable names are left to the record
 * API, which refuses them with the error every list query gives.
 */
export function exportPlan(access: Access, view: CompiledObject, fields?: readonly string[]): ExportPlan {
  const names = [...new Set(['id', ...(fields ?? allFields(view))])];
  const columns: ExportColumn[] = [];
  const references: string[] = [];
  for (const name of names) {
    const field = view.fields.get(name);
    const reference = field?.reference;
    if (!reference) {
      columns.push({ header: name, cell: (record) => valueCell(field, record[name]) });
      continue;
    }
    references.push(name);
    // A user is named by e-mail (how files name users); a record by its object's name field.
    const target = reference.object === undefined ? undefined : access.view.objects.get(reference.object);
    const nameKey = reference.seed?.key ?? target?.document['x-tessera'].nameField;
    columns.push({
      header: name,
      cell: (record) => {
        const linked = (record[EXPANDED] as Record<string, RecordData | null> | undefined)?.[name];
        const label = nameKey === undefined ? undefined : linked?.[nameKey];
        return label === null || label === undefined ? null : neutralize(String(label));
      },
    });
    columns.push({ header: `${name}.id`, cell: (record) => valueCell(undefined, record[name]) });
  }
  return { columns, fields: names, references };
}
