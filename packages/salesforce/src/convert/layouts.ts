/**
 * Page layouts: sections with their columns and fields (Required/Readonly behaviour), related lists of
 * converted children. Buttons, custom links, Visualforce and Lightning components, and the assignment of
 * layouts to profiles and record types (kept in profiles) are not converted.
 */
import type { LayoutItem, LayoutSection, RelatedList } from '@tessera/engine';
import { list, text, texts, type Xml } from '../read/xml.js';
import {
  type Conversion,
  type PlannedObject,
  plannedField,
  plannedObject,
  propertyOfField,
} from './context.js';
import { fieldNamed } from './filters.js';

const MAX_ITEMS = 200;
const MAX_SECTIONS = 50;
const MAX_RELATED = 20;
const GENERATED = new Set(['formula', 'rollup', 'autonumber']);

function sections(o: PlannedObject, xml: Xml, left: string[]): LayoutSection[] {
  const placed = new Set<string>();
  const out: LayoutSection[] = [];
  for (const section of list(xml.layoutSections)) {
    if (text(section, 'style') === 'CustomLinks') continue;
    const columns = list(section.layoutColumns);
    const items: LayoutItem[] = [];
    columns.forEach((column, index) => {
      for (const item of list(column.layoutItems)) {
        const sf = text(item, 'field');
        if (!sf) continue; // a button, a link, a component, a blank space
        const field = plannedField(o, sf);
        if (!field || field.origin === 'system' || placed.has(field.name)) {
          if (!field) left.push(sf);
          continue;
        }
        const prop = propertyOfField(o, field);
        if (!prop) continue;
        placed.add(field.name);
        const behavior = text(item, 'behavior');
        items.push({
          field: field.name,
          column: Math.min(index + 1, 3),
          ...(behavior === 'Required' && !GENERATED.has(prop['x-tessera'].field) ? { required: true } : {}),
          ...(behavior === 'Readonly' ? { readOnly: true } : {}),
        });
      }
    });
    if (!items.length) continue;
    const label = text(section, 'label');
    out.push({
      id: `section_${out.length + 1}`,
      ...(label ? { label: { en: label } } : {}),
      columns: Math.min(Math.max(columns.length, 1), 3),
      items: items.slice(0, MAX_ITEMS),
    });
  }
  return out.slice(0, MAX_SECTIONS);
}

function relatedLists(c: Conversion, o: PlannedObject, xml: Xml, left: string[]): RelatedList[] {
  const out: RelatedList[] = [];
  for (const related of list(xml.relatedLists)) {
    const name = text(related, 'relatedList') ?? '';
    const [childSf, linkSf] = name.split('.');
    const child = childSf ? plannedObject(c, childSf) : undefined;
    const link = child && linkSf ? plannedField(child, linkSf) : undefined;
    const linkProp = child && link ? propertyOfField(child, link) : undefined;
    const target = linkProp?.['x-tessera'].target;
    if (!child || !link || target !== o.name) {
      left.push(name);
      continue;
    }
    const columns = [
      ...new Set(
        texts(related.fields)
          .map((f) => fieldNamed(child, f))
          .filter((f): f is string => !!f),
      ),
    ];
    out.push({ object: child.name, field: link.name, ...(columns.length ? { columns } : {}) });
  }
  return out.slice(0, MAX_RELATED);
}

export function convertLayouts(c: Conversion): void {
  for (const layout of c.project.layouts) {
    const source = `${layout.object}-${layout.name}`;
    const o = plannedObject(c, layout.object);
    if (!o) {
      c.report.skipped('layout', source, `its object ${layout.object} is not converted`);
      continue;
    }
    const left: string[] = [];
    const laidOut = sections(o, layout.xml, left);
    if (!laidOut.length) {
      c.report.skipped('layout', source, 'no converted field to place');
      continue;
    }
    const related = relatedLists(c, o, layout.xml, left);
    const apiName = c.documentNames.take(`${o.name}_${layout.name}`);
    c.layouts.push({
      kind: 'layout',
      apiName,
      object: o.name,
      label: { en: layout.name },
      sections: laidOut,
      ...(related.length ? { relatedLists: related } : {}),
    });
    const note = left.length ? `left out (not converted): ${[...new Set(left)].join(', ')}` : undefined;
    if (note) c.report.approximated('layout', source, `layout:${apiName}`, note);
    else c.report.mapped('layout', source, `layout:${apiName}`);
  }
}
