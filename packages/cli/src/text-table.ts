/** Plain-text output for people: tables of left-aligned columns, and localized text in English. */
import type { LocalizedText } from '@tessera/engine';

/** Left-aligned columns, two spaces apart. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}

/** The English text, else the first there is. */
export const english = (text: LocalizedText | undefined): string | undefined =>
  text?.en ?? Object.values(text ?? {})[0];
