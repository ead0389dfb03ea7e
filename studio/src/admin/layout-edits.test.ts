/** The layout designer's drop logic: every edit a drag or a button makes, on a layout the engine then accepts. */
import { validateDocuments } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import type { LayoutDocument, ObjectDocument } from '../api/types.js';
import {
  addRelatedList,
  addSection,
  assign,
  linksTo,
  moveSection,
  placeField,
  positionOf,
  removeField,
  removeRelatedList,
  removeSection,
  renameSection,
  setColumns,
  startingLayout,
  toggleItem,
  unplaced,
} from './layout-edits.js';

const text = { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } as const;
const machine: ObjectDocument = {
  type: 'object',
  'x-tessera': { apiName: 'machine', nameField: 'name' },
  properties: { name: text, serial: text, site: text, model: text, notes: text },
  required: ['name'],
} as ObjectDocument;

const fieldsOf = (layout: LayoutDocument) =>
  layout.sections.map(
    (s) => `${s.id}(${s.columns}): ${s.items.map((i) => `${i.field}@${i.column ?? 1}`).join(' ')}`,
  );

describe('layout edits', () => {
  const start = startingLayout(machine);

  it('starts with every field in two columns, and an empty palette', () => {
    expect(fieldsOf(start)).toEqual(['main(2): name@1 serial@2 site@1 model@2 notes@1']);
    expect(unplaced(machine, start)).toEqual([]);
  });

  it('places a field from the palette, moves it within its column, to another column and section', () => {
    const out = removeField(start, 'notes');
    expect(unplaced(machine, out)).toEqual(['notes']);
    const placed = placeField(out, 'notes', { section: 'main', column: 2, index: 0 });
    expect(fieldsOf(placed)).toEqual(['main(2): name@1 site@1 notes@2 serial@2 model@2']);
    expect(positionOf(placed, 'notes')).toEqual({ section: 'main', column: 2, index: 0 });
    const down = placeField(placed, 'notes', { section: 'main', column: 2, index: 99 });
    expect(fieldsOf(down)).toEqual(['main(2): name@1 site@1 serial@2 model@2 notes@2']);
    const second = addSection(down, { en: 'Service', 'zh-CN': '服务' });
    const moved = placeField(second, 'serial', { section: 'section_2', column: 1, index: 0 });
    expect(fieldsOf(moved)).toEqual(['main(2): name@1 site@1 model@2 notes@2', 'section_2(2): serial@1']);
  });

  it('keeps a placement’s flags when it moves, and toggles them', () => {
    const required = toggleItem(start, 'serial', 'required');
    const moved = placeField(required, 'serial', { section: 'main', column: 1, index: 0 });
    expect(moved.sections[0]?.items[0]).toEqual({ field: 'serial', column: 1, required: true });
    expect(toggleItem(moved, 'serial', 'required').sections[0]?.items[0]).toEqual({
      field: 'serial',
      column: 1,
    });
  });

  it('fewer columns move the fields of the columns that go; more never move any', () => {
    const one = setColumns(start, 'main', 1);
    expect(fieldsOf(one)).toEqual(['main(1): name@1 site@1 notes@1 serial@1 model@1']);
    expect(fieldsOf(setColumns(one, 'main', 3))).toEqual(['main(3): name@1 site@1 notes@1 serial@1 model@1']);
    expect(setColumns(start, 'main', 7).sections[0]?.columns).toBe(3);
    // A drop past the last column lands in the last.
    expect(
      positionOf(placeField(one, 'name', { section: 'main', column: 3, index: 0 }), 'name')?.column,
    ).toBe(1);
  });

  it('adds, renames, reorders and removes sections; the last one stays; removed fields return to the palette', () => {
    let layout = addSection(addSection(start, { en: 'A' }), { en: 'B' });
    layout = renameSection(layout, 'section_2', { en: 'Alpha', 'zh-CN': '甲' });
    layout = moveSection(layout, 'section_3', -1);
    expect(layout.sections.map((s) => s.id)).toEqual(['main', 'section_3', 'section_2']);
    expect(layout.sections[2]?.label).toEqual({ en: 'Alpha', 'zh-CN': '甲' });
    expect(moveSection(layout, 'main', -1)).toBe(layout);
    layout = placeField(layout, 'site', { section: 'section_3', column: 1, index: 0 });
    layout = removeSection(layout, 'section_3');
    expect(unplaced(machine, layout)).toEqual(['site']);
    const only = removeSection(removeSection(layout, 'section_2'), 'main');
    expect(only.sections.map((s) => s.id)).toEqual(['main']);
  });

  it('adds and removes related lists (one per link), and assigns the layout to roles and record types', () => {
    const visit = {
      type: 'object',
      'x-tessera': { apiName: 'visit', nameField: 'name' },
      properties: {
        name: text,
        machine_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'machine' } },
      },
    } as ObjectDocument;
    expect(linksTo([machine, visit], 'machine')).toEqual([
      { object: 'visit', field: 'machine_id', nameField: 'name' },
    ]);
    const related = { object: 'visit', field: 'machine_id', columns: ['name', 'created_at'] };
    const withList = addRelatedList(addRelatedList(start, related), related);
    expect(withList.relatedLists).toEqual([related]);
    expect(removeRelatedList(withList, 'visit', 'machine_id')).not.toHaveProperty('relatedLists');
    const assigned = assign(withList, ['technician'], []);
    expect(assigned).toMatchObject({ roles: ['technician'] });
    expect(assigned).not.toHaveProperty('recordTypes');
    expect(assign(assigned, [], [])).not.toHaveProperty('roles');
    expect(
      validateDocuments({
        objects: [machine, visit],
        roles: [{ kind: 'role', apiName: 'technician' }],
        layouts: [assigned],
      }),
    ).toEqual([]);
  });

  it('whatever the edits, the result is a layout the engine accepts', () => {
    let layout = addSection(start, { en: 'More' });
    layout = placeField(layout, 'model', { section: 'section_2', column: 2, index: 0 });
    layout = setColumns(layout, 'main', 3);
    layout = toggleItem(layout, 'site', 'readOnly');
    expect(validateDocuments({ objects: [machine], layouts: [layout] })).toEqual([]);
  });
});
