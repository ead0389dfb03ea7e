import { describe, expect, it } from 'vitest';
import type { DocumentSet, LayoutDocument, ListViewDocument } from './types.js';
import { followFieldChange, followObjectDeletion } from './view-references.js';

const layout: LayoutDocument = {
  kind: 'layout',
  apiName: 'machine',
  object: 'machine',
  sections: [
    {
      id: 'main',
      columns: 2,
      items: [{ field: 'name' }, { field: 'serial', column: 2, readOnly: true }],
    },
  ],
  relatedLists: [{ object: 'refill', field: 'machine_id', columns: ['name', 'units'] }],
};
const refillLayout: LayoutDocument = {
  kind: 'layout',
  apiName: 'refill',
  object: 'refill',
  sections: [{ id: 'main', columns: 1, items: [{ field: 'serial' }] }],
};
const view: ListViewDocument = {
  kind: 'list_view',
  apiName: 'machines',
  object: 'machine',
  label: { en: 'Machines' },
  columns: [{ field: 'name' }, { field: 'serial', width: 120 }],
  filter: { serial: { startsWith: 'A' }, or: [{ serial: { eq: 'B' } }, { name: { eq: 'x' } }] },
  sort: '-serial,name',
};
const documents: DocumentSet = { objects: [], layouts: [layout, refillLayout], listViews: [view] };

describe('layouts and list views follow the fields they show', () => {
  it('a renamed field is renamed wherever its object shows it, and only there', () => {
    const next = followFieldChange(documents, { object: 'machine', field: 'serial', to: 'serial_no' });
    expect(next.layouts?.[0]?.sections[0]?.items).toEqual([
      { field: 'name' },
      { field: 'serial_no', column: 2, readOnly: true },
    ]);
    // The refill layout's own "serial" is another object's field.
    expect(next.layouts?.[1]).toEqual(refillLayout);
    expect(next.listViews?.[0]).toEqual({
      ...view,
      columns: [{ field: 'name' }, { field: 'serial_no', width: 120 }],
      filter: { serial_no: { startsWith: 'A' }, or: [{ serial_no: { eq: 'B' } }, { name: { eq: 'x' } }] },
      sort: '-serial_no,name',
    });
    expect(documents.layouts?.[0]).toBe(layout);
  });

  it('a deleted field leaves placements, columns, related list columns, conditions and sort keys', () => {
    const next = followFieldChange(documents, { object: 'machine', field: 'serial', to: null });
    expect(next.layouts?.[0]?.sections[0]?.items).toEqual([{ field: 'name' }]);
    expect(next.listViews?.[0]).toEqual({
      ...view,
      columns: [{ field: 'name' }],
      filter: { or: [{ name: { eq: 'x' } }] },
      sort: 'name',
    });
    const related = followFieldChange(documents, { object: 'refill', field: 'units', to: null });
    expect(related.layouts?.[0]?.relatedLists).toEqual([
      { object: 'refill', field: 'machine_id', columns: ['name'] },
    ]);
    const link = followFieldChange(documents, { object: 'refill', field: 'machine_id', to: null });
    expect(link.layouts?.[0]?.relatedLists).toEqual([]);
  });

  it('highlights follow a renamed field and leave a deleted one', () => {
    const withHighlights: DocumentSet = {
      objects: [],
      layouts: [{ ...layout, highlights: ['serial', 'name'] }],
    };
    const renamed = followFieldChange(withHighlights, {
      object: 'machine',
      field: 'serial',
      to: 'serial_no',
    });
    expect(renamed.layouts?.[0]?.highlights).toEqual(['serial_no', 'name']);
    const deleted = followFieldChange(withHighlights, { object: 'machine', field: 'serial', to: null });
    expect(deleted.layouts?.[0]?.highlights).toEqual(['name']);
    const other = followFieldChange(withHighlights, { object: 'refill', field: 'serial', to: null });
    expect(other.layouts?.[0]?.highlights).toEqual(['serial', 'name']);
  });

  it('a view left without columns goes, and so does everything of a deleted object', () => {
    const onlyName = followFieldChange(documents, { object: 'machine', field: 'name', to: null });
    expect(onlyName.listViews?.[0]?.filter).toEqual({
      serial: { startsWith: 'A' },
      or: [{ serial: { eq: 'B' } }],
    });
    const neither = followFieldChange(onlyName, { object: 'machine', field: 'serial', to: 'code' });
    expect(followFieldChange(neither, { object: 'machine', field: 'code', to: null }).listViews).toEqual([]);
    expect(followFieldChange(onlyName, { object: 'machine', field: 'serial', to: null }).listViews).toEqual(
      [],
    );
    const gone = followObjectDeletion(documents, 'refill');
    expect(gone.layouts?.map((l) => l.apiName)).toEqual(['machine']);
    expect(gone.layouts?.[0]?.relatedLists).toEqual([]);
    expect(followObjectDeletion(documents, 'machine').listViews).toEqual([]);
  });

  it('a board or calendar follows its field: renamed with it, shown as a table once it is deleted', () => {
    const board: ListViewDocument = {
      ...view,
      display: 'board',
      board: { groupBy: 'serial' },
      calendar: { field: 'name' },
    };
    const set = { ...documents, listViews: [board] };
    expect(
      followFieldChange(set, { object: 'machine', field: 'serial', to: 'stage' }).listViews?.[0],
    ).toMatchObject({ display: 'board', board: { groupBy: 'stage' }, calendar: { field: 'name' } });
    const deleted = followFieldChange(set, { object: 'machine', field: 'serial', to: null }).listViews?.[0];
    expect(deleted?.display).toBeUndefined();
    expect(deleted?.board).toBeUndefined();
    expect(deleted?.calendar).toEqual({ field: 'name' });
    const calendar = { ...documents, listViews: [{ ...board, display: 'calendar' as const }] };
    expect(
      followFieldChange(calendar, { object: 'machine', field: 'serial', to: null }).listViews?.[0]?.display,
    ).toBe('calendar');
  });
});
