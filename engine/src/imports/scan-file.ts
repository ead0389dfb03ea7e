/**
 * The first pass over a file, before anything is written: how many rows it has, and which rows share a key
 * (update and upsert) — each such row is reported with the lines of the others, so the file can be fixed
 * before any of it is imported.
 */
import type { ColumnPlan } from './column-mapping.js';
import { importMessage } from './import-messages.js';
import type { ImportRowError } from './import-types.js';
import { rowError } from './row-values.js';
import type { TableSource } from './table-source.js';

export interface FileScan {
  total: number;
  duplicates: ImportRowError[];
}

export async function scanFile(table: TableSource, plan: ColumnPlan, locale: string): Promise<FileScan> {
  const key = plan.key;
  // The first line of each key; the lines of keys seen more than once.
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  let total = 0;
  for await (const rows of table.chunks()) {
    total += rows.length;
    if (!key) continue;
    for (const row of rows) {
      const cell = (row.cells[key.index] ?? '').trim();
      if (cell === '') continue;
      const text = key.field === 'id' ? cell.toLowerCase() : cell;
      const seen = first.get(text);
      if (seen === undefined) first.set(text, row.line);
      else {
        const lines = repeated.get(text);
        if (lines) lines.push(row.line);
        else repeated.set(text, [seen, row.line]);
      }
    }
  }
  const column = key && { header: table.header[key.index] ?? key.field, field: { name: key.field } };
  const duplicates = [...repeated].flatMap(([text, lines]) =>
    lines.map((line) =>
      rowError(
        line,
        column,
        'duplicate_key',
        importMessage(locale, 'duplicateKey', {
          key: key?.field ?? '',
          value: text,
          lines: lines.join(', '),
        }),
      ),
    ),
  );
  return { total, duplicates: duplicates.sort((a, b) => a.line - b.line) };
}
