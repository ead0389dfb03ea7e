/**
 * A layout section as its columns: each column its own stack of items, in the order they were placed, so a field
 * placed first in column 2 is at the top of column 2 however many fields column 1 holds. An item placed past the
 * section's last column (a section narrowed outside the designer) shows in the last one.
 */
import type { LayoutItem, LayoutSection } from '../api/types.js';

export function sectionColumns(section: LayoutSection): LayoutItem[][] {
  const count = Math.max(1, section.columns);
  const columns = Array.from({ length: count }, (): LayoutItem[] => []);
  for (const item of section.items) {
    const column = Math.min(Math.max(1, item.column ?? 1), count);
    columns[column - 1]?.push(item);
  }
  return columns;
}
