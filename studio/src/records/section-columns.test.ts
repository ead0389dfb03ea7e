/** A section as its columns: what the record page, the form and the designer's preview stack side by side. */
import { describe, expect, it } from 'vitest';
import type { LayoutSection } from '../api/types.js';
import { sectionColumns } from './section-columns.js';

const fields = (columns: ReturnType<typeof sectionColumns>) => columns.map((c) => c.map((i) => i.field));

describe('a section’s columns', () => {
  it('start each at its own first field, however many the column before holds', () => {
    // As the designer saves a drag: column by column, not alternating.
    const section: LayoutSection = {
      id: 'main',
      columns: 2,
      items: [
        { field: 'name', column: 1 },
        { field: 'open', column: 1 },
        { field: 'capacity', column: 1 },
        { field: 'notes', column: 1 },
        { field: 'serial_no', column: 2 },
        { field: 'status', column: 2 },
      ],
    };
    expect(fields(sectionColumns(section))).toEqual([
      ['name', 'open', 'capacity', 'notes'],
      ['serial_no', 'status'],
    ]);
  });

  it('keep the order fields were placed in within a column, when columns alternate too', () => {
    const section: LayoutSection = {
      id: 'main',
      columns: 3,
      items: [
        { field: 'c', column: 3 },
        { field: 'a', column: 1 },
        { field: 'd', column: 3 },
        { field: 'b', column: 2 },
        { field: 'e', column: 1 },
      ],
    };
    expect(fields(sectionColumns(section))).toEqual([['a', 'e'], ['b'], ['c', 'd']]);
  });

  it('put an item without a column in the first, and one past the last column in the last', () => {
    const section: LayoutSection = {
      id: 'main',
      columns: 2,
      items: [{ field: 'x' }, { field: 'y', column: 3 }, { field: 'z', column: 0 }],
    };
    expect(fields(sectionColumns(section))).toEqual([['x', 'z'], ['y']]);
  });

  it('give an empty section its empty columns, and at least one', () => {
    expect(sectionColumns({ id: 's', columns: 3, items: [] })).toEqual([[], [], []]);
    expect(sectionColumns({ id: 's', columns: 0, items: [{ field: 'a', column: 2 }] })).toEqual([
      [{ field: 'a', column: 2 }],
    ]);
  });
});
