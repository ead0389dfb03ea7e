/**
 * A layout section's fields side by side, one stack per column (record page, form and the designer's preview
 * alike): rows of one column never wait for the other's.
 */
import type { CSSProperties, ReactNode } from 'react';
import type { LayoutItem, LayoutSection } from '../api/types.js';
import { sectionColumns } from './section-columns.js';

interface Props {
  section: LayoutSection;
  /** What holds one column's fields: `dl` on a record page, `div` in a form. */
  as?: 'dl' | 'div';
  renderItem(item: LayoutItem): ReactNode;
}

export function SectionColumns({ section, as: Column = 'div', renderItem }: Props) {
  const columns = sectionColumns(section);
  return (
    <div className="grid" style={{ '--columns': columns.length } as CSSProperties}>
      {columns.map((items, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position.
        <Column key={i} className="layout-column" data-column={i + 1}>
          {items.map(renderItem)}
        </Column>
      ))}
    </div>
  );
}
