/**
 * How one exported object lands in the workspace: its Tessera object, and for each exported column the field
 * it fills, how its values are read, and — for lookups — which object's records (or the workspace's users) the
 * Ids name, as the field registry says (`reference`). Columns with nowhere to go (not in the map, read-only
 * there, or a field the workspace does not have) are skipped and listed in the report.
 */
import type { CompiledField, CompiledModel, CompiledObject } from '@tessera/engine';
import { SF_ID_FIELD } from '../names.js';
import type { SalesforceMap } from '../salesforce-map.js';
import { SalesforceDataError } from './data-errors.js';
import { byLowerName } from './data-map.js';
import { type FieldConverter, fieldConverter } from './field-values.js';
import type { SourceTable } from './source-records.js';

/** Salesforce's owner column: its Id is a user's, found by e-mail, and becomes the record's owner. */
export const OWNER_COLUMN = 'OwnerId';

export interface MappedColumn {
  /** The Salesforce field name as the map spells it. */
  sfField: string;
  field: CompiledField;
  /** For lookups: the object whose records the Ids name; `users` for a field that names a workspace user. */
  target?: { object: string } | 'users';
  converter: FieldConverter;
}

export interface TableMapping {
  table: SourceTable;
  /** The Salesforce object name as the map spells it. */
  sfObject: string;
  object: CompiledObject;
  nameFrom: readonly string[];
  /** The mapped column for a source column (any case), or undefined when it is skipped. */
  column(name: string): MappedColumn | undefined;
  /** Source columns skipped so far, as the file spells them. */
  readonly skipped: Set<string>;
}

export function mapTable(table: SourceTable, map: SalesforceMap, model: CompiledModel): TableMapping {
  const found = byLowerName(map.objects).get(table.sobject.toLowerCase());
  if (!found)
    throw new SalesforceDataError(
      'unknown_object',
      `${table.files.join(', ')}: the map has no Salesforce object ${table.sobject} (it maps ${Object.keys(map.objects).join(', ')})`,
    );
  const [sfObject, mapped] = found;
  const object = model.objects.get(mapped.object);
  if (!object)
    throw new SalesforceDataError(
      'unknown_object',
      `${table.sobject} maps to the object ${mapped.object}, which this workspace does not have: deploy the converted package first`,
    );
  if (!object.fields.get(SF_ID_FIELD)?.unique)
    throw new SalesforceDataError(
      'missing_sf_id',
      `${table.files.join(', ')}: ${object.apiName} has no unique ${SF_ID_FIELD} field to keep ${table.sobject} Ids in; \`tessera import salesforce\` adds it to the objects it converts: deploy its package (nothing was loaded)`,
    );
  const fields = byLowerName(mapped.fields);
  const columns = new Map<string, MappedColumn | undefined>();
  const skipped = new Set<string>();
  const nameParts = new Set((mapped.nameFrom ?? []).map((n) => n.toLowerCase()));
  const resolve = (name: string): MappedColumn | undefined => {
    const entry = fields.get(name.toLowerCase());
    const field = entry && !entry[1].readOnly ? object.fields.get(entry[1].field) : undefined;
    if (!entry || !field?.writable || field.name === SF_ID_FIELD) return undefined;
    const reference = field.reference;
    const target = reference
      ? reference.object
        ? { object: reference.object }
        : ('users' as const)
      : undefined;
    return {
      sfField: entry[0],
      field,
      ...(target ? { target } : {}),
      converter: fieldConverter(field, sfObject, entry[0], entry[1].values),
    };
  };
  return {
    table,
    sfObject,
    object,
    nameFrom: mapped.nameFrom ?? [],
    skipped,
    column(name) {
      if (!columns.has(name)) {
        const column = resolve(name);
        columns.set(name, column);
        if (!column && name !== OWNER_COLUMN && !nameParts.has(name.toLowerCase())) skipped.add(name);
      }
      return columns.get(name);
    },
  };
}
