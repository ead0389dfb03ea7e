/**
 * Links between records as people read them: a lookup or master-detail value is the linked record's name (the
 * target's `nameField`), linking to its page. The name comes inline with the page of records that holds the
 * links (`expand=<lookup fields>`, one query per field for the whole page); a record the user cannot read comes
 * back without it and shows as a muted dash. Values that come without a page of records (a field history's old and
 * new values) are named by `loadLinked`: one request per target object for all of them.
 */
import { createContext, type MouseEvent, type ReactNode, useContext } from 'react';
import { api } from '../api/client.js';
import type { Page, PropertyDocument, RecordData } from '../api/types.js';
import { navigate } from '../app/router.js';
import { type LinkedIds, namesQueries } from './linked-ids.js';

/** The API's most expanded fields in one request. */
export const MAX_EXPAND = 10;

/** The name field of an object the user may read (from `GET /describe`); undefined for others. */
export const NameFields = createContext<(object: string) => string | undefined>(() => undefined);

export const isLink = (prop: PropertyDocument | undefined): boolean =>
  prop?.['x-tessera'].field === 'lookup' || prop?.['x-tessera'].field === 'master_detail';

/** Fields whose value the API expands: lookups and master-details (the record), user fields (the user). */
const expandable = (prop: PropertyDocument | undefined): boolean =>
  isLink(prop) || prop?.['x-tessera'].field === 'user';

/** The `expand` parameter for these fields of an object: its links among them (as many as the API takes). */
export function expandOf(properties: Record<string, PropertyDocument>, fields: readonly string[]): string {
  return [...new Set(fields)]
    .filter((f) => expandable(properties[f]))
    .slice(0, MAX_EXPAND)
    .join(',');
}

/** The linked record of a field, as `expand` brought it: null when there is none or the user may not read it. */
export function expandedOf(record: RecordData, field: string): Record<string, unknown> | null {
  const expanded = record._expanded as Record<string, Record<string, unknown> | null> | undefined;
  return expanded?.[field] ?? null;
}

/** Linked records by target object and id (as `LookupValue` takes them); an id not there is one not readable. */
export type LinkedRecords = ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>;

/**
 * The records these ids link to, with their names: one list request per target (`id in [...]`, the name field
 * only). A record the user may not read is simply not returned; a target that cannot be listed names nothing.
 */
export async function loadLinked(groups: readonly LinkedIds[]): Promise<LinkedRecords> {
  const found = await Promise.all(
    groups.map(async (group) => {
      const records = new Map<string, Record<string, unknown>>();
      for (const query of namesQueries(group)) {
        const page = await api<Page>('GET', query).catch(() => undefined);
        for (const r of page?.data ?? []) records.set(r.id, r);
      }
      return [group.target, records] as const;
    }),
  );
  return new Map(found);
}

/** The linked record of a value, from `loadLinked`: null when the user may not read it. */
export function linkedRecord(
  linked: LinkedRecords | undefined,
  prop: PropertyDocument | undefined,
  id: unknown,
): Record<string, unknown> | null {
  const target = prop?.['x-tessera'].target;
  if (!target || typeof id !== 'string') return null;
  return linked?.get(target)?.get(id) ?? null;
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
