/**
 * Links between records as people read them: a lookup or master-detail value is the linked record's name (the
 * target's `nameField`), linking to its page. The name comes inline with the page of records that holds the
 * links (`expand=<lookup fields>`, one query per field for the whole page); a record the user cannot read comes
 * back without it and shows as a muted dash.
 */
import { createContext, type MouseEvent, type ReactNode, useContext } from 'react';
import type { PropertyDocument, RecordData } from '../api/types.js';
import { navigate } from '../app/router.js';

/** The API's most expanded fields in one request. */
export const MAX_EXPAND = 10;

/** The name field of an object the user may read (from `GET /describe`); undefined for others. */
export const NameFields = createContext<(object: string) => string | undefined>(() => undefined);

export const isLink = (prop: PropertyDocument | undefined): boolean =>
  prop?.['x-tessera'].field === 'lookup' || prop?.['x-tessera'].field === 'master_detail';

/** The `expand` parameter for these fields of an object: its lookups among them (as many as the API takes). */
export function expandOf(properties: Record<string, PropertyDocument>, fields: readonly string[]): string {
  return [...new Set(fields)]
    .filter((f) => isLink(properties[f]))
    .slice(0, MAX_EXPAND)
    .join(',');
}

/** The linked record of a field, as `expand` brought it: null when there is none or the user may not read it. */
export function expandedOf(record: RecordData, field: string): Record<string, unknown> | null {
  const expanded = record._expanded as Record<string, Record<string, unknown> | null> | undefined;
  return expanded?.[field] ?? null;
}

/** A link to a record's page that stays a link: a plain click moves within the app, others open a tab. */
export function RecordLink({ object, id, children }: { object: string; id: string; children: ReactNode }) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate({ page: 'record', object, id });
  };
  return (
    <a href={`/o/${object}/${id}`} onClick={follow}>
      {children}
    </a>
  );
}

/** A lookup's value: the linked record's name as a link, or a muted dash (with the id on hover) without it. */
export function LookupValue({
  id,
  prop,
  linked,
}: {
  id: string;
  prop: PropertyDocument;
  linked: Record<string, unknown> | null | undefined;
}) {
  const nameFieldOf = useContext(NameFields);
  const target = prop['x-tessera'].target;
  if (!linked || !target)
    return (
      <span className="muted" title={id}>
        —
      </span>
    );
  const name = linked[nameFieldOf(target) ?? 'name'];
  return (
    <RecordLink object={target} id={id}>
      {name === null || name === undefined || name === '' ? id : String(name)}
    </RecordLink>
  );
}
