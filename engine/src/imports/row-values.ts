/**
 * A batch of a file's rows turned into records: each mapped cell read by its field's type in the file's
 * formats (FieldTypeDef.fromText), lookup cells kept aside to be resolved, bad cells reported by line and
 * column. An empty cell gives no value: it neither clears a field on update nor sets one on insert.
 */
import { textHint, valueFromText } from '../fields/registry.js';
import type { RecordData } from '../records/record-api.js';
import { unneutralize } from '../util/spreadsheet-escape.js';
import type { ColumnPlan, ImportColumn } from './column-mapping.js';
import { importMessage } from './import-messages.js';
import type { CellFormats, ImportRowError } from './import-types.js';
import type { TableRow } from './table-source.js';

/** A row on its way into a record. */
export interface PendingRow {
  line: number;
  values: RecordData;
  /** Lookup and user cells, by column, until they are resolved to ids. */
  refs: Map<ImportColumn, string>;
  /** The key cell's text (update and upsert), trimmed; '' when empty. */
  key: string;
}

export const rowError = (
  line: number,
  column: ImportColumn | { header: string; field: { name: string } } | undefined,
  code: string,
  message: string,
): ImportRowError => ({
  line,
  column: column?.header ?? null,
  field: column?.field.name ?? null,
  code,
  message,
});

/** Whether a row has a cell beyond the header's columns (empty ones there are a trailing delimiter). */
function beyond(cells: readonly string[], width: number): boolean {
  for (let i = width; i < cells.length; i++) if (cells[i] !== '') return true;
  return false;
}

/** The rows whose every cell is a value; the others' problems go to `errors`. */
export function rowValues(
  rows: readonly TableRow[],
  plan: ColumnPlan,
  width: number,
  formats: CellFormats,
  locale: string,
  errors: ImportRowError[],
): PendingRow[] {
  const pending: PendingRow[] = [];
  for (const { line, cells } of rows) {
    if (beyond(cells, width)) {
      errors.push(
        rowError(
          line,
          undefined,
          'bad_row',
          importMessage(locale, 'badRow', { cells: cells.length, header: width }),
        ),
      );
      continue;
    }
    const row: PendingRow = {
      line,
      values: {},
      refs: new Map(),
      key: plan.key ? unneutralize(cells[plan.key.index] ?? '').trim() : '',
    };
    let bad = false;
    for (const column of plan.columns) {
      // What an export neutralized against formula injection reads back as it was.
      const cell = unneutralize(cells[column.index] ?? '');
      if (cell === '') continue;
      const { field } = column;
      if (field.reference) {
        row.refs.set(column, cell.trim());
        continue;
      }
      const value = valueFromText(field.type, field.prop, cell, formats);
      if (value !== undefined) row.values[field.name] = value;
      else {
        bad = true;
        errors.push(
          rowError(
            line,
            column,
            'bad_cell',
            importMessage(locale, 'badCell', {
              cell,
              field: field.name,
              type: field.type,
              hint: textHint(field.type, locale),
            }),
          ),
        );
      }
    }
    if (!bad) pending.push(row);
  }
  return pending;
}
