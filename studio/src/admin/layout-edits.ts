/**
 * What the layout designer does to a layout, as pure functions (each returns a new layout): place a field at a
 * position (from the palette or from elsewhere in the layout), take it out, add, rename, remove and reorder
 * sections, change a section's columns, mark a placement required or read-only. Drag and drop only decides the
 * position; everything it changes goes through here.
 */
import type {
  LayoutDocument,
  LayoutItem,
  LayoutSection,
  ObjectDocument,
  RelatedListDoc as RelatedList,
} from '../api/types.js';
import { sectionColumns } from '../records/section-columns.js';

export interface Position {
  section: string;
  /** 1-based. */
  column: number;
  /** Place among the column's items (0 = first); past the end appends. */
  index: number;
}

const columnOf = (item: LayoutItem) => item.column ?? 1;

/** The section's items of one column, in order (as the record page and the form show them). */
export const itemsIn = (section: LayoutSection, column: number): LayoutItem[] =>
  sectionColumns(section)[column - 1] ?? [];

/** Where a field is placed, or undefined. */
export function positionOf(layout: LayoutDocument, field: string): Position | undefined {
  for (const section of layout.sections)
    for (let column = 1; column <= section.columns; column++) {
      const index = itemsIn(section, column).findIndex((i) => i.field === field);
      if (index !== -1) return { section: section.id, column, index };
    }
  return undefined;
}

export function removeField(layout: LayoutDocument, field: string): LayoutDocument {
  return {
    ...layout,
    sections: layout.sections.map((s) => ({ ...s, items: s.items.filter((i) => i.field !== field) })),
  };
}

export function placeField(layout: LayoutDocument, field: string, to: Position): LayoutDocument {
  const existing = layout.sections.flatMap((s) => s.items).find((i) => i.field === field);
  const item: LayoutItem = { ...(existing ?? { field }), column: to.column };
  const without = removeField(layout, field);
  return {
    ...without,
    sections: without.sections.map((section) => {
      if (section.id !== to.section) return section;
      const column = Math.min(Math.max(1, to.column), section.columns);
      const columns = Array.from({ length: section.columns }, (_, i) => itemsIn(section, i + 1));
      const target = columns[column - 1] as LayoutItem[];
      target.splice(Math.min(Math.max(0, to.index), target.length), 0, { ...item, column });
      // Items are kept column by column, each column in its order.
      return { ...section, items: columns.flat() };
    }),
  };
}

export function toggleItem(
  layout: LayoutDocument,
  field: string,
  flag: 'required' | 'readOnly',
): LayoutDocument {
  return {
    ...layout,
    sections: layout.sections.map((s) => ({
      ...s,
      items: s.items.map((i) => {
        if (i.field !== field) return i;
        const { [flag]: current, ...rest } = i;
        return current ? rest : { ...rest, [flag]: true };
      }),
    })),
  };
}

/** A new section at the end, with an id no other section has. */
export function addSection(layout: LayoutDocument, label: { en: string; 'zh-CN'?: string }): LayoutDocument {
  const ids = new Set(layout.sections.map((s) => s.id));
  let n = layout.sections.length + 1;
  while (ids.has(`section_${n}`)) n++;
  return { ...layout, sections: [...layout.sections, { id: `section_${n}`, label, columns: 2, items: [] }] };
}

export function renameSection(
  layout: LayoutDocument,
  id: string,
  label: { en: string; 'zh-CN'?: string },
): LayoutDocument {
  return { ...layout, sections: layout.sections.map((s) => (s.id === id ? { ...s, label } : s)) };
}

/** Removes a section; its fields go back to the palette. The last section stays. */
export function removeSection(layout: LayoutDocument, id: string): LayoutDocument {
  if (layout.sections.length <= 1) return layout;
  return { ...layout, sections: layout.sections.filter((s) => s.id !== id) };
}

export function moveSection(layout: LayoutDocument, id: string, by: -1 | 1): LayoutDocument {
  const from = layout.sections.findIndex((s) => s.id === id);
  const to = from + by;
  if (from === -1 || to < 0 || to >= layout.sections.length) return layout;
  const sections = [...layout.sections];
  [sections[from], sections[to]] = [sections[to] as LayoutSection, sections[from] as LayoutSection];
  return { ...layout, sections };
}

/** 1 to 3 columns; fields of columns that go move to the last remaining one, after its own. */
export function setColumns(layout: LayoutDocument, id: string, columns: number): LayoutDocument {
  const n = Math.min(3, Math.max(1, Math.round(columns)));
  return {
    ...layout,
    sections: layout.sections.map((s) => {
      if (s.id !== id) return s;
      const kept = Array.from({ length: n }, (_, i) => itemsIn(s, i + 1));
      const moved = s.items.filter((i) => columnOf(i) > n).map((i) => ({ ...i, column: n }));
      (kept[n - 1] as LayoutItem[]).push(...moved);
      return { ...s, columns: n, items: kept.flat() };
    }),
  };
}

/** Adds a related list (records of `object` whose `field` points here); one per link. */
export function addRelatedList(layout: LayoutDocument, related: RelatedList): LayoutDocument {
  const current = layout.relatedLists ?? [];
  if (current.some((r) => r.object === related.object && r.field === related.field)) return layout;
  return { ...layout, relatedLists: [...current, related] };
}

export function removeRelatedList(layout: LayoutDocument, object: string, field: string): LayoutDocument {
  const kept = (layout.relatedLists ?? []).filter((r) => r.object !== object || r.field !== field);
  const { relatedLists: _, ...rest } = layout;
  return kept.length ? { ...rest, relatedLists: kept } : rest;
}

/** Whom the layout is for: roles and record types (none of either: everyone, every type). */
export function assign(layout: LayoutDocument, roles: string[], recordTypes: string[]): LayoutDocument {
  const { roles: _, recordTypes: __, ...rest } = layout;
  return { ...rest, ...(roles.length ? { roles } : {}), ...(recordTypes.length ? { recordTypes } : {}) };
}

/** The links other objects have to `object`: what a related list can show. */
export const linksTo = (objects: readonly ObjectDocument[], object: string) =>
  objects.flatMap((o) =>
    Object.entries(o.properties)
      .filter(
        ([, p]) =>
          ['lookup', 'master_detail'].includes(p['x-tessera'].field) && p['x-tessera'].target === object,
      )
      .map(([field]) => ({ object: o['x-tessera'].apiName, field, nameField: o['x-tessera'].nameField })),
  );

/** The object's fields no section places: the designer's palette. */
export const unplaced = (object: ObjectDocument, layout: LayoutDocument): string[] => {
  const placed = new Set(layout.sections.flatMap((s) => s.items.map((i) => i.field)));
  return Object.keys(object.properties).filter((f) => !placed.has(f));
};

/** A first layout for an object that has none: every field, two columns. */
export function startingLayout(object: ObjectDocument): LayoutDocument {
  const apiName = object['x-tessera'].apiName;
  return {
    kind: 'layout',
    apiName: `${apiName}_layout`,
    object: apiName,
    sections: [
      {
        id: 'main',
        label: { en: 'Details', 'zh-CN': '详情' },
        columns: 2,
        items: Object.keys(object.properties).map((field, i) => ({ field, column: (i % 2) + 1 })),
      },
    ],
  };
}
