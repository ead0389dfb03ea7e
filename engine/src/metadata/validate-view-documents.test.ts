import { describe, expect, it } from 'vitest';
import { formula, object, text } from '../../test/documents.js';
import type { DocumentSet, LayoutDocument, ListViewDocument, ObjectDocument } from './types.js';
import { validateDocuments } from './validate-documents.js';

const machine: ObjectDocument = object('vending_machine', {
  serial: text(),
  status: {
    type: 'string',
    enum: ['active', 'broken'],
    'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'broken' }] },
  },
  capacity: { type: 'integer', 'x-tessera': { field: 'integer' } },
  installed: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
  serviced_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
  label: formula('serial & " " & name', 'text'),
  age: formula('TODAY() - installed', 'number'),
});
machine['x-tessera'].recordTypeField = 'status';
const refill = object(
  'refill',
  {
    machine_id: {
      type: 'string',
      format: 'uuid',
      'x-tessera': { field: 'master_detail', target: 'vending_machine' },
    },
    units: { type: 'integer', 'x-tessera': { field: 'integer' } },
  },
  ['machine_id'],
);

const layout = (extra: Partial<LayoutDocument> = {}): LayoutDocument => ({
  kind: 'layout',
  apiName: 'machine_layout',
  object: 'vending_machine',
  label: { en: 'Machine', 'zh-CN': '售货机' },
  sections: [
    {
      id: 'main',
      label: { en: 'Details', 'zh-CN': '详情' },
      columns: 2,
      items: [
        { field: 'name', column: 1, required: true },
        { field: 'serial', column: 2, readOnly: true },
        { field: 'label', column: 1 },
      ],
    },
  ],
  relatedLists: [{ object: 'refill', field: 'machine_id', columns: ['name', 'units', 'created_at'] }],
  ...extra,
});
const view = (extra: Partial<ListViewDocument> = {}): ListViewDocument => ({
  kind: 'list_view',
  apiName: 'all_machines',
  object: 'vending_machine',
  label: { en: 'All machines', 'zh-CN': '全部售货机' },
  columns: [{ field: 'name', width: 240, pinned: true }, { field: 'capacity' }, { field: 'created_at' }],
  filter: {
    or: [{ capacity: { gte: 10 } }, { not: { status: { eq: 'broken' } } }],
    label: { contains: 'A' },
  },
  sort: '-created_at,name',
  pageSize: 100,
  ...extra,
});
const set = (layouts: unknown[], listViews: unknown[] = []): DocumentSet => ({
  objects: [machine, refill],
  roles: [{ kind: 'role', apiName: 'technician' }],
  layouts: layouts as LayoutDocument[],
  listViews: listViews as ListViewDocument[],
});
const issues = (documents: DocumentSet) =>
  validateDocuments(documents).map((i) => `${i.document} ${i.pointer} ${i.code}`);

describe('layouts', () => {
  it('accepts sections, placements, related lists, and a layout by role and record type', () => {
    expect(
      issues(
        set([layout(), layout({ apiName: 'for_techs', roles: ['technician'], recordTypes: ['broken'] })]),
      ),
    ).toEqual([]);
  });

  it('refuses what its meta-schema does not allow, naming where', () => {
    const bad = layout();
    (bad.sections[0] as { columns: number }).columns = 4;
    expect(issues(set([bad]))).toEqual(['layout:machine_layout /sections/0/columns maximum']);
    expect(issues(set([{ ...layout(), sections: [] }]))).toEqual([
      'layout:machine_layout /sections minItems',
    ]);
    expect(issues(set([{ ...layout(), colour: 'red' }]))).toEqual([
      'layout:machine_layout /colour unknown_property',
    ]);
  });

  it('refuses fields that are not there or placed twice, columns a section lacks, and required computed fields', () => {
    const bad = layout({
      sections: [
        {
          id: 'main',
          columns: 1,
          items: [
            { field: 'nope' },
            { field: 'name' },
            { field: 'name' },
            { field: 'serial', column: 2 },
            { field: 'label', required: true },
          ],
        },
        { id: 'main', columns: 1, items: [] },
      ],
    });
    expect(issues(set([bad]))).toEqual([
      'layout:machine_layout /sections/0/items/0/field unknown_field',
      'layout:machine_layout /sections/0/items/2/field duplicate_placement',
      'layout:machine_layout /sections/0/items/3/column bad_column',
      'layout:machine_layout /sections/0/items/4/required generated_required',
      'layout:machine_layout /sections/1/id duplicate_section',
    ]);
  });

  it('accepts highlights of the object’s fields and system fields; refuses others, repeats and too many', () => {
    expect(issues(set([layout({ highlights: ['serial', 'owner_id', 'capacity'] })]))).toEqual([]);
    expect(issues(set([layout({ highlights: ['serial', 'units'] })]))).toEqual([
      'layout:machine_layout /highlights/1 unknown_field',
    ]);
    expect(issues(set([layout({ highlights: ['serial', 'serial'] })]))).toEqual([
      'layout:machine_layout /highlights uniqueItems',
    ]);
    expect(
      issues(
        set([layout({ highlights: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((x) => `f_${x}`) })]),
      ),
    ).toEqual(['layout:machine_layout /highlights maxItems']);
  });

  it('refuses unknown objects, roles, record types, and related lists that do not link here', () => {
    expect(issues(set([layout({ object: 'robot' })]))).toEqual([
      'layout:machine_layout /object unknown_object',
    ]);
    expect(issues(set([layout({ roles: ['boss'], recordTypes: ['retired'] })]))).toEqual([
      'layout:machine_layout /roles/0 unknown_role',
      'layout:machine_layout /recordTypes/0 unknown_record_type',
    ]);
    expect(
      issues(
        set([
          layout({
            relatedLists: [
              { object: 'refill', field: 'units' },
              { object: 'refill', field: 'machine_id', columns: ['colour'] },
              { object: 'ghost', field: 'x' },
            ],
          }),
        ]),
      ),
    ).toEqual([
      'layout:machine_layout /relatedLists/0/field not_a_link',
      'layout:machine_layout /relatedLists/1/columns/0 unknown_field',
      'layout:machine_layout /relatedLists/2/object unknown_object',
    ]);
    const untyped = {
      ...set([layout({ recordTypes: ['active'] })]),
      objects: [object('vending_machine', {}), refill],
    };
    expect(issues(untyped)).toContain('layout:machine_layout /recordTypes no_record_types');
  });

  it('an object names a picklist as its record type field, or nothing', () => {
    const bad = structuredClone(machine);
    bad['x-tessera'].recordTypeField = 'serial';
    expect(issues({ objects: [bad] })).toEqual([
      'vending_machine /x-tessera/recordTypeField bad_record_type_field',
    ]);
  });
});

describe('list views', () => {
  it('accepts columns, a filter and a sort the data API takes', () => {
    expect(issues(set([], [view()]))).toEqual([]);
  });

  it('refuses unknown and repeated columns, unknown sort keys, and filters that name what is not there', () => {
    const bad = view({
      columns: [{ field: 'name' }, { field: 'name' }, { field: 'colour' }],
      sort: 'name,-colour',
      filter: {
        colour: { eq: 1 },
        capacity: { around: 3 },
        status: { gt: 'a' },
        age: { gt: 3 },
        and: [{ serial: 'x' }],
        or: { capacity: { eq: 1 } },
      },
    });
    expect(issues(set([], [bad]))).toEqual([
      'list_view:all_machines /columns/1/field duplicate_column',
      'list_view:all_machines /columns/2/field unknown_field',
      'list_view:all_machines /sort unknown_field',
      'list_view:all_machines /filter/colour unknown_field',
      'list_view:all_machines /filter/capacity/around unknown_operator',
      'list_view:all_machines /filter/status/gt operator_not_allowed',
      'list_view:all_machines /filter/age not_filterable',
      'list_view:all_machines /filter/and/0/serial bad_filter',
      'list_view:all_machines /filter/or bad_filter',
    ]);
  });

  it('refuses shapes the meta-schema does not allow', () => {
    expect(issues(set([], [view({ pageSize: 0, columns: [] })]))).toEqual([
      'list_view:all_machines /columns minItems',
      'list_view:all_machines /pageSize minimum',
    ]);
    expect(issues(set([], [view({ sort: 'name;drop table' })]))).toEqual([
      'list_view:all_machines /sort pattern',
    ]);
  });

  it('shows as a board by a picklist, or a calendar by a date or date-time field', () => {
    expect(
      issues(
        set(
          [],
          [
            view({ display: 'board', board: { groupBy: 'status' } }),
            view({ apiName: 'by_day', display: 'calendar', calendar: { field: 'installed' } }),
            view({ apiName: 'by_visit', display: 'calendar', calendar: { field: 'serviced_at' } }),
            // A table may keep a board's setting for when it is shown as one again.
            view({ apiName: 'kept', display: 'table', board: { groupBy: 'status' } }),
          ],
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a board or calendar without its field, or by a field that cannot lay it out', () => {
    expect(
      issues(
        set(
          [],
          [
            view({ apiName: 'a', display: 'board' }),
            view({ apiName: 'b', display: 'calendar' }),
            view({ apiName: 'c', display: 'board', board: { groupBy: 'capacity' } }),
            view({ apiName: 'd', display: 'calendar', calendar: { field: 'status' } }),
            view({ apiName: 'e', display: 'calendar', calendar: { field: 'colour' } }),
            view({ apiName: 'f', display: 'board', board: { groupBy: 'age' } }),
          ],
        ),
      ),
    ).toEqual([
      'list_view:a /board required',
      'list_view:b /calendar required',
      'list_view:c /board/groupBy not_groupable',
      'list_view:d /calendar/field not_a_date',
      'list_view:e /calendar/field unknown_field',
      'list_view:f /board/groupBy not_groupable',
    ]);
    expect(
      issues(
        set(
          [],
          [
            view({ display: 'grid' as never, board: { groupBy: 'status', by: 'x' } as never }),
            view({ apiName: 'g', calendar: {} as never }),
          ],
        ),
      ),
    ).toEqual([
      'list_view:all_machines /display enum',
      'list_view:all_machines /board/by unknown_property',
      'list_view:g /calendar/field required',
    ]);
  });
});
