/**
 * List views: columns, and filters with their logic (`1 AND (2 OR 3)`). A filter that cannot be said here (a
 * relative date, a field not converted) is dropped with a note: the view then shows more, never fewer records.
 */
import type { ListViewColumn } from '@tessera/engine';
import { list, text, texts, type Xml } from '../read/xml.js';
import { type Conversion, convertedObjects, type PlannedObject } from './context.js';
import { condition, fieldNamed } from './filters.js';

type Filter = Record<string, unknown>;

/** `1 AND (2 OR NOT 3)` over the numbered conditions. */
function withLogic(logic: string, conditions: Filter[]): Filter | undefined {
  const tokens = logic.match(/\d+|\(|\)|AND|OR|NOT/gi) ?? [];
  let at = 0;
  const peek = () => tokens[at]?.toUpperCase();
  const primary = (): Filter | undefined => {
    const t = tokens[at++];
    if (t === '(') {
      const inner = or();
      return tokens[at++] === ')' ? inner : undefined;
    }
    if (t?.toUpperCase() === 'NOT') {
      const inner = primary();
      return inner ? { not: inner } : undefined;
    }
    return t && /^\d+$/.test(t) ? conditions[Number(t) - 1] : undefined;
  };
  const joined = (next: () => Filter | undefined, word: string, key: string) => (): Filter | undefined => {
    const parts = [next()];
    while (peek() === word) {
      at++;
      parts.push(next());
    }
    if (parts.some((p) => !p)) return undefined;
    return parts.length === 1 ? parts[0] : { [key]: parts };
  };
  const and = joined(primary, 'AND', 'and');
  const or = joined(and, 'OR', 'or');
  const result = or();
  return at === tokens.length ? result : undefined;
}

function filterOf(o: PlannedObject, xml: Xml): { filter?: Filter; problem?: string } {
  const conditions: Filter[] = [];
  for (const f of list(xml.filters)) {
    const cond = condition(o, text(f, 'field') ?? '', text(f, 'operation') ?? '', text(f, 'value'));
    if ('problem' in cond) return { problem: cond.problem };
    conditions.push(cond.filter);
  }
  if (!conditions.length) return {};
  const logic = text(xml, 'booleanFilter');
  const filter = logic
    ? withLogic(logic, conditions)
    : conditions.length === 1
      ? conditions[0]
      : { and: conditions };
  return filter ? { filter } : { problem: `filter logic "${logic}" cannot be read` };
}

export function convertListViews(c: Conversion): void {
  for (const o of convertedObjects(c))
    for (const xml of o.source?.listViews ?? []) {
      const sfName = text(xml, 'fullName') ?? '';
      const source = `${o.sf}.${sfName}`;
      const notes: string[] = [];
      const names = texts(xml.columns);
      const columns: ListViewColumn[] = [];
      for (const sf of names) {
        const field = fieldNamed(o, sf);
        if (field && !columns.some((col) => col.field === field)) columns.push({ field });
        else if (!field) notes.push(`column ${sf} not converted`);
      }
      if (!columns.length) columns.push({ field: o.document['x-tessera'].nameField });
      const { filter, problem } = filterOf(o, xml);
      if (problem) notes.push(`its filter is dropped (${problem}): the view shows every record`);
      const scope = text(xml, 'filterScope');
      if (scope && scope !== 'Everything')
        notes.push(`scope ${scope} is not kept: the view shows every record the user may read`);
      const apiName = c.documentNames.take(`${o.name}_${sfName}`);
      c.listViews.push({
        kind: 'list_view',
        apiName,
        object: o.name,
        label: { en: text(xml, 'label') ?? sfName },
        columns: columns.slice(0, 50),
        ...(filter ? { filter } : {}),
      });
      const target = `list_view:${apiName}`;
      if (notes.length) c.report.approximated('list view', source, target, notes.join('; '));
      else c.report.mapped('list view', source, target);
    }
}
